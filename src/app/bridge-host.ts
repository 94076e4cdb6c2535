// Starts the chat bridges `[bridges.*]` configures, once the server listens:
// each is a front end that talks to this server over loopback HTTP as the chat
// user's Hangar owner, like any other client.

import type { ChatBridge } from "../bridges/chat-bridge.js";
import { ChatDispatcher, type ChatAccess } from "../bridges/chat-dispatcher.js";
import { relayText } from "../bridges/relay-text.js";
import type { RelayText } from "../bridges/session-relay.js";
import { SlackBridge } from "../bridges/slack/slack-bridge.js";
import { markdownToSlack } from "../bridges/text/markdown-to-slack.js";
import { TelegramBridge } from "../bridges/telegram/telegram-bridge.js";
import { markdownToTelegram } from "../bridges/text/markdown-to-telegram.js";
import type { BridgeStateRepository } from "../bridges/bridge-state.js";
import { HangarClient } from "../client/hangar-client.js";
import {
  modelPrices,
  type Config,
  type SlackBridgeConfig,
  type TelegramBridgeConfig,
} from "../config/config-schema.js";
import { environmentVariable } from "../config/load-config.js";
import { HangarError } from "../core/errors.js";
import type { BridgeStatus } from "../protocol/index.js";
import type { Logger } from "pino";

/** The owner every chat user acts as when the server has no API keys. */
const localOwner = "local";

interface RunningBridge {
  readonly bridge: ChatBridge;
  readonly dispatcher: ChatDispatcher;
}

export class BridgeHost {
  readonly #config: Config;
  readonly #state: BridgeStateRepository;
  readonly #logger: Logger;
  readonly #environment: NodeJS.ProcessEnv;
  readonly #running: RunningBridge[] = [];

  constructor(options: {
    config: Config;
    state: BridgeStateRepository;
    logger: Logger;
    environment?: NodeJS.ProcessEnv;
  }) {
    this.#config = options.config;
    this.#state = options.state;
    this.#logger = options.logger;
    this.#environment = options.environment ?? process.env;
    // Refuse a bridge that can never work before the server starts, naming the key to fix.
    const telegram = options.config.bridges.telegram;
    if (telegram !== undefined) {
      this.#telegramToken(telegram);
      this.#access(telegram, "bridges.telegram");
    }
    const slack = options.config.bridges.slack;
    if (slack !== undefined) {
      this.#slackTokens(slack);
      this.#access(slack, "bridges.slack");
    }
  }

  /** Starts every configured bridge against the server at `serverUrl`; a platform that cannot be reached is retried in the background. */
  async start(serverUrl: string): Promise<void> {
    const { telegram, slack } = this.#config.bridges;
    if (telegram !== undefined) {
      const bridge = new TelegramBridge({
        token: this.#telegramToken(telegram),
        ...(telegram.api_root === undefined ? {} : { apiRoot: telegram.api_root.replace(/\/+$/, "") }),
        renderMarkdown: markdownToTelegram,
        offsetStore: {
          load: () => this.#state.loadUpdateOffset("telegram"),
          save: (offset) => this.#state.saveUpdateOffset("telegram", offset),
        },
        onError: (error, during) => this.#logger.warn({ err: error }, `telegram: ${during}`),
      });
      await this.#run(bridge, telegram, "bridges.telegram", serverUrl, relayText(markdownToTelegram));
    }
    if (slack !== undefined) {
      const bridge = new SlackBridge({
        ...this.#slackTokens(slack),
        ...(slack.api_url === undefined ? {} : { apiUrl: slack.api_url }),
        renderMarkdown: markdownToSlack,
        onError: (error, during) => this.#logger.warn({ err: error }, `slack: ${during}`),
      });
      await this.#run(bridge, slack, "bridges.slack", serverUrl, relayText(markdownToSlack));
    }
  }

  /** One bridge: its dispatcher resumes the sessions it followed, then the platform connection starts. */
  async #run(
    bridge: ChatBridge,
    settings: TelegramBridgeConfig | SlackBridgeConfig,
    table: string,
    serverUrl: string,
    text: RelayText,
  ): Promise<void> {
    const dispatcher = new ChatDispatcher({
      platform: bridge.platform,
      bridge,
      access: this.#access(settings, table),
      clientFor: (owner) => new HangarClient({ baseUrl: serverUrl, apiKey: this.#keyOf(owner) }),
      state: this.#state,
      defaultProject: settings.default_project,
      debounceMs: settings.debounce_ms,
      text,
      prices: modelPrices(this.#config),
      log: (message, error) => this.#logger.warn({ err: error }, message),
    });
    this.#running.push({ bridge, dispatcher });
    await dispatcher.resume();
    // start() returns once the platform answers; until then the bridge retries and reports "retrying".
    void bridge
      .start((event) => dispatcher.handle(event))
      .catch((error: unknown) => {
        this.#logger.error({ err: error }, `${bridge.platform}: the bridge stopped`);
      });
  }

  statuses(): BridgeStatus[] {
    return this.#running.map(({ bridge, dispatcher }) => {
      const health = bridge.health();
      return {
        platform: bridge.platform,
        state: health.state,
        ...(health.lastError === undefined ? {} : { last_error: health.lastError }),
        since: health.since.toISOString(),
        active_sessions: dispatcher.activeSessions,
      };
    });
  }

  async stop(): Promise<void> {
    const running = this.#running.splice(0);
    await Promise.all(
      running.map(async ({ bridge, dispatcher }) => {
        await bridge.stop();
        await dispatcher.stop();
      }),
    );
  }

  #telegramToken(telegram: TelegramBridgeConfig): string {
    const token = environmentVariable(telegram.token_env, this.#environment);
    if (token === undefined) {
      throw new HangarError(
        "CONFIG_INVALID",
        `the Telegram bridge needs its bot token in $${telegram.token_env} (bridges.telegram.token_env); @BotFather gives it`,
        { field: "bridges.telegram.token_env" },
      );
    }
    return token;
  }

  #slackTokens(slack: SlackBridgeConfig): { botToken: string; appToken: string } {
    const read = (name: string, key: string, what: string): string => {
      const value = environmentVariable(name, this.#environment);
      if (value === undefined) {
        throw new HangarError(
          "CONFIG_INVALID",
          `the Slack bridge needs its ${what} in $${name} (bridges.slack.${key}); see docs/slack-app-manifest.yaml`,
          { field: `bridges.slack.${key}` },
        );
      }
      return value;
    };
    return {
      botToken: read(slack.bot_token_env, "bot_token_env", "bot token (xoxb-…)"),
      appToken: read(slack.app_token_env, "app_token_env", "app-level token (xapp-…)"),
    };
  }

  #access(bridge: { allowed_users: string[]; owners: Record<string, string> }, table: string): ChatAccess {
    const keys = this.#config.server.api_keys;
    for (const [userId, owner] of Object.entries(bridge.owners)) {
      if (keys.length > 0 && !keys.some((key) => key.owner === owner)) {
        throw new HangarError(
          "CONFIG_INVALID",
          `${table}.owners maps user ${userId} to "${owner}", which no server.api_keys entry has`,
          { field: `${table}.owners` },
        );
      }
    }
    return {
      allowedUsers: new Set(bridge.allowed_users),
      ownerOf: (userId) => bridge.owners[userId] ?? (keys.length === 0 ? localOwner : undefined),
    };
  }

  #keyOf(owner: string): string | undefined {
    // A non-admin key first: a chat user should not see the whole server's load.
    const keys = this.#config.server.api_keys.filter((key) => key.owner === owner);
    return (keys.find((key) => !key.admin) ?? keys[0])?.key;
  }
}
