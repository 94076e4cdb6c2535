// Starts the chat bridges `[bridges.*]` configures, once the server listens:
// each is a front end that talks to this server over loopback HTTP as the chat
// user's Hangar owner, like any other client.

import type { ChatBridge } from "../bridges/chat-bridge.js";
import { ChatDispatcher, type ChatAccess } from "../bridges/chat-dispatcher.js";
import { relayText } from "../bridges/relay-text.js";
import { TelegramBridge } from "../bridges/telegram/telegram-bridge.js";
import { markdownToTelegram } from "../bridges/text/markdown-to-telegram.js";
import type { BridgeStateRepository } from "../bridges/bridge-state.js";
import { HangarClient } from "../client/hangar-client.js";
import { modelPrices, type Config, type TelegramBridgeConfig } from "../config/config-schema.js";
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
    if (options.config.bridges.slack !== undefined) {
      throw new HangarError(
        "CONFIG_INVALID",
        "the Slack bridge is not built yet; remove [bridges.slack] (Telegram works)",
        { field: "bridges.slack" },
      );
    }
  }

  /** Starts every configured bridge against the server at `serverUrl`; a platform that cannot be reached is retried in the background. */
  async start(serverUrl: string): Promise<void> {
    const telegram = this.#config.bridges.telegram;
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
      const dispatcher = new ChatDispatcher({
        platform: "telegram",
        bridge,
        access: this.#access(telegram, "bridges.telegram"),
        clientFor: (owner) => new HangarClient({ baseUrl: serverUrl, apiKey: this.#keyOf(owner) }),
        state: this.#state,
        defaultProject: telegram.default_project,
        debounceMs: telegram.debounce_ms,
        text: relayText(markdownToTelegram),
        prices: modelPrices(this.#config),
        log: (message, error) => this.#logger.warn({ err: error }, message),
      });
      this.#running.push({ bridge, dispatcher });
      await dispatcher.resume();
      // start() returns once Telegram answers; until then the bridge retries and reports "retrying".
      void bridge
        .start((event) => dispatcher.handle(event))
        .catch((error: unknown) => {
          this.#logger.error({ err: error }, "telegram: the bridge stopped");
        });
    }
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
