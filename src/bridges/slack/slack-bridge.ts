import { App, LogLevel, webApi, type Logger } from "@slack/bolt";
import { HangarError, errorMessage } from "../../core/errors.js";
import type {
  BridgeHealth,
  ChatAddress,
  ChatBridge,
  ChatButton,
  InboundHandler,
  OutgoingFile,
  OutgoingMessage,
  SentMessage,
} from "../chat-bridge.js";
import { HealthTracker } from "../health-tracker.js";
import { defaultRetryPolicy, type RetryPolicy } from "../retry-policy.js";
import { escapeSlackText } from "../text/markdown-to-slack.js";
import { ChannelQueues } from "./channel-queues.js";
import { decodePress, routeBody, type InboundContext } from "./inbound-events.js";
import { messageBody } from "./message-blocks.js";
import { socketModeReceiver } from "./socket-mode-client.js";
import { persistently, slackError } from "./web-api-retry.js";

export interface SlackBridgeOptions {
  /** The bot token (`xoxb-…`, OAuth & Permissions): every Web API call. */
  readonly botToken: string;
  /** The app-level token (`xapp-…`, scope `connections:write`): opens the Socket Mode connection. */
  readonly appToken: string;
  /** A Web API base other than `https://slack.com/api/` (GovSlack, Enterprise Grid, a test fixture). */
  readonly apiUrl?: string;
  /** Markdown → Slack mrkdwn. When Slack refuses the result, the Markdown itself is sent as plain text. */
  readonly renderMarkdown: (markdown: string) => string;
  /** Backoff while Slack cannot be reached (network errors, 5xx, Slack's transient errors). */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * The Socket Mode client's pong deadline, which is also the step of its reconnect
   * delay (Bolt's default 5 s: the first reconnect waits 5 s, the next 10 s…).
   */
  readonly clientPingTimeoutMs?: number;
  /** Failures that have nowhere else to go: a handler that threw, Bolt's own errors. */
  readonly onError?: (error: unknown, during: string) => void;
}

const slackEditIntervalMs = 1250;

/** Slack's limit on a file the bridge uploads (Slack's own is 1 GB; the bridge's files are source files). */
const uploadLimitBytes = 50 * 1024 * 1024;
/** Remembered per message so an edit that does not mention buttons keeps them. */
const rememberedMessages = 1000;

/**
 * The ChatBridge port on Slack through Bolt in Socket Mode (no public URL).
 * Every envelope is acked first — Slack redelivers one left unacked for 3 s —
 * then handled, one channel at a time in order. Sending goes through
 * `persistently`: rate limits wait their Retry-After, network failures back off,
 * and `send`/`edit` reject only on Slack's refusal; a refusal of the formatted
 * content (`invalid_blocks`…) is retried once as plain text.
 */
export class SlackBridge implements ChatBridge {
  readonly platform = "slack" as const;
  /** Slack's `text` takes 40,000 characters; a chat message past 12,000 is unreadable anyway. */
  readonly messageLimit = 12_000;
  private readonly tracker = new HealthTracker();
  private readonly policy: RetryPolicy;
  private readonly client: webApi.WebClient;
  private stopping = new AbortController();
  private app: App | undefined;
  private queues: ChannelQueues | undefined;
  private botUserId = "";
  private socketUp = false;
  /** Buttons of sent messages (`channel:ts`), so an edit without `buttons` keeps them. */
  private readonly buttons = new Map<string, readonly (readonly ChatButton[])[]>();
  /** The bot's latest message per thread (`channel:thread_ts`): a user's reply there answers it. */
  private readonly latest = new Map<string, string>();

  constructor(private readonly options: SlackBridgeOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.client = new webApi.WebClient(options.botToken, {
      ...(options.apiUrl !== undefined ? { slackApiUrl: options.apiUrl } : {}),
      logger: this.logger(),
      // Retries are ours (abortable, reported in health), not the client's.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  }

  /**
   * Checks the bot token (auth.test: a refused token rejects at once, an
   * unreachable Slack is retried), then connects Socket Mode; resolves once Slack
   * said hello.
   */
  async start(handler: InboundHandler): Promise<void> {
    if (this.app) throw new HangarError("CONFLICT", "the Slack bridge is already started");
    this.stopping = new AbortController();
    this.tracker.starting();
    const report =
      this.options.onError ?? ((error, during) => console.error(`slack bridge: ${during}:`, error));
    try {
      const identity = await this.call("auth.test", () => this.client.auth.test());
      this.botUserId = String(identity.user_id);
      const logger = this.logger();
      const receiver = socketModeReceiver({
        appToken: this.options.appToken,
        apiUrl: this.options.apiUrl,
        logger,
        clientPingTimeoutMs: this.options.clientPingTimeoutMs,
        policy: this.policy,
        stopping: this.stopping.signal,
      });
      this.watchConnection(receiver.client);
      const app = new App({
        receiver,
        token: this.options.botToken,
        botUserId: this.botUserId,
        ...(typeof identity.bot_id === "string" ? { botId: identity.bot_id } : {}),
        // auth.test was just made (and retried): Bolt need not make its own.
        tokenVerificationEnabled: false,
        logger,
        clientOptions: {
          ...(this.options.apiUrl !== undefined ? { slackApiUrl: this.options.apiUrl } : {}),
          rejectRateLimitedCalls: true,
          retryConfig: { retries: 0 },
        },
      });
      const queues = new ChannelQueues((error) => report(error, "handling a Slack event"));
      const context = this.inboundContext();
      app.use(async (args) => {
        // Ack first: the handler may take longer than Slack's 3 s. (Bolt acks events itself.)
        if ("ack" in args && typeof args.ack === "function") await args.ack();
        const routed = routeBody(args.body as Record<string, unknown>, context);
        if (routed === undefined) return;
        queues.run(routed.chatId, async () => {
          if (routed.kind === "event") return handler(routed.event);
          // A slash command has no thread: a root message names it, and the task lives under it.
          const root = await this.postRoot(routed.chatId, routed.from.userId, routed.name, routed.argument);
          await handler({
            kind: "command",
            name: routed.name,
            argument: routed.argument,
            from: routed.from,
            at: { chatId: routed.chatId, threadId: root },
            files: [],
          });
        });
      });
      app.error(async (error) => report(error, "Bolt"));
      this.app = app;
      this.queues = queues;
      await app.start();
    } catch (error) {
      await this.app?.stop().catch(() => undefined);
      this.app = undefined;
      this.queues = undefined;
      this.tracker.stopped();
      throw startupError(error);
    }
  }

  /** Closes the socket, aborts every retry wait and waits for the handlers already running. */
  async stop(): Promise<void> {
    this.stopping.abort(new HangarError("SHUTTING_DOWN", "the Slack bridge is stopping"));
    const app = this.app;
    this.app = undefined;
    this.socketUp = false;
    await app?.stop();
    await this.queues?.idle();
    this.queues = undefined;
    this.tracker.stopped();
  }

  /**
   * Slack's chat.update is a Tier 3 method (about 50 calls a minute, per channel in practice):
   * 1.25 s apart stays under it.
   */
  minimumEditIntervalMs(_to: ChatAddress): number {
    return slackEditIntervalMs;
  }

  health(): BridgeHealth {
    return this.tracker.get();
  }

  async send(to: ChatAddress, message: OutgoingMessage): Promise<SentMessage> {
    const rows = message.buttons !== undefined && message.buttons.length > 0 ? message.buttons : undefined;
    const result = await this.formattedOrPlain("chat.postMessage", message.markdown, rows, (body) =>
      this.client.chat.postMessage({
        channel: to.chatId,
        ...(to.threadId !== undefined ? { thread_ts: to.threadId } : {}),
        ...body,
      }),
    );
    const sent: SentMessage = { ...to, messageId: String(result.ts) };
    if (rows) this.remember(this.buttons, keyOf(sent), rows);
    if (to.threadId !== undefined) this.remember(this.latest, `${to.chatId}:${to.threadId}`, sent.messageId);
    return sent;
  }

  async edit(message: SentMessage, update: OutgoingMessage): Promise<void> {
    const key = keyOf(message);
    // Slack keeps a message's blocks when an update omits them: a message with buttons is always sent whole.
    const rows = update.buttons ?? this.buttons.get(key);
    await this.formattedOrPlain("chat.update", update.markdown, rows, (body) =>
      this.client.chat.update({ channel: message.chatId, ts: message.messageId, ...body }),
    );
    if (rows !== undefined && rows.length > 0) this.remember(this.buttons, key, rows);
    else this.buttons.delete(key);
  }

  /** Slack has no answer to a press; a notice becomes an ephemeral message to the presser. */
  async answerButton(pressId: string, notice?: string): Promise<void> {
    const target = decodePress(pressId);
    if (notice === undefined || target === undefined) return;
    await this.call("chat.postEphemeral", () =>
      this.client.chat.postEphemeral({
        channel: target.chatId,
        user: target.userId,
        text: notice,
        ...(target.threadId !== undefined ? { thread_ts: target.threadId } : {}),
      }),
    );
  }

  async sendFile(to: ChatAddress, file: OutgoingFile): Promise<SentMessage> {
    if (file.bytes.length > uploadLimitBytes) {
      throw new HangarError(
        "PAYLOAD_TOO_LARGE",
        `${file.name} is ${file.bytes.length} bytes; the Slack bridge sends files up to 50 MB`,
      );
    }
    const result = await this.call("files.uploadV2", () =>
      this.client.files.uploadV2({
        file: Buffer.from(file.bytes),
        filename: file.name,
        ...(file.caption !== undefined ? { initial_comment: file.caption } : {}),
        ...(to.threadId !== undefined
          ? { channel_id: to.chatId, thread_ts: to.threadId }
          : { channel_id: to.chatId }),
      }),
    );
    // The share's ts is the message's; Slack may share asynchronously, then the file id stands in.
    const uploaded = (result as { files?: { files?: { id?: string; shares?: unknown }[] }[] }).files?.[0]
      ?.files?.[0];
    return { ...to, messageId: shareTs(uploaded?.shares, to.chatId) ?? `file:${uploaded?.id ?? "unknown"}` };
  }

  /** The visible root of a slash command's thread (`<@U…>` renders as the user's name); returns its ts. */
  private async postRoot(chatId: string, userId: string, name: string, argument: string): Promise<string> {
    const command = escapeSlackText(`/${name}${argument === "" ? "" : ` ${argument}`}`);
    const result = await this.call("chat.postMessage", () =>
      this.client.chat.postMessage({ channel: chatId, text: `<@${userId}> ran \`${command}\`` }),
    );
    const ts = String(result.ts);
    this.remember(this.latest, `${chatId}:${ts}`, ts);
    return ts;
  }

  /**
   * Sends the rendered mrkdwn; when Slack refuses the formatted content
   * (`invalid_blocks`, `invalid_blocks_format`…), sends the Markdown as plain
   * text (`mrkdwn: false`, plain_text sections), so the words always arrive.
   */
  private async formattedOrPlain<T>(
    method: string,
    markdown: string,
    rows: readonly (readonly ChatButton[])[] | undefined,
    call: (body: ReturnType<typeof messageBody>) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.call(method, () =>
        call(messageBody(this.options.renderMarkdown(markdown), rows, true)),
      );
    } catch (error) {
      const code = error instanceof HangarError ? error.details?.error : undefined;
      if (typeof code !== "string" || !formattingRefusals.has(code)) throw error;
    }
    return this.call(method, () => call(messageBody(markdown, rows, false)));
  }

  private call<T>(method: string, call: () => Promise<T>): Promise<T> {
    return persistently(method, call, {
      policy: this.policy,
      health: {
        succeeded: () => {
          if (this.socketUp || this.app === undefined) this.tracker.succeeded();
        },
        failed: (description) => this.tracker.failed(description),
      },
      stopping: this.stopping.signal,
    });
  }

  private watchConnection(client: {
    on(event: string, listener: (...args: unknown[]) => void): unknown;
  }): void {
    client.on("connected", () => {
      this.socketUp = true;
      this.tracker.succeeded();
    });
    const lost = (why: string) => () => {
      this.socketUp = false;
      if (!this.stopping.signal.aborted) this.tracker.failed(`Socket Mode: ${why}`);
    };
    client.on("close", lost("the connection closed; reconnecting"));
    client.on("reconnecting", lost("reconnecting"));
  }

  private inboundContext(): InboundContext {
    return {
      botUserId: this.botUserId,
      latestBotMessage: (channel, threadTs) => this.latest.get(`${channel}:${threadTs}`),
      download: (url, knownSize, maxBytes) => this.download(url, knownSize, maxBytes),
    };
  }

  /** Files are served to the bot token only (`files:read`), at their `url_private_download`. */
  private async download(url: string, knownSize: number | undefined, maxBytes: number): Promise<Uint8Array> {
    const tooLarge = (size: number) =>
      new HangarError("PAYLOAD_TOO_LARGE", `the file is ${size} bytes; at most ${maxBytes} are accepted`);
    if (knownSize !== undefined && knownSize > maxBytes) throw tooLarge(knownSize);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${this.options.botToken}` },
      signal: this.stopping.signal,
    });
    if (!response.ok)
      throw new HangarError("FORBIDDEN", `Slack refused the file download: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw tooLarge(bytes.length);
    return bytes;
  }

  /** Bolt's and the clients' logs: warnings and errors reach `onError`, the rest is dropped. */
  private logger(): Logger {
    let level = LogLevel.WARN;
    // While stopping, the socket's closing errors are expected: nobody needs them.
    const report = (message: unknown[]) =>
      !this.stopping.signal.aborted &&
      this.options.onError?.(new Error(message.map((part) => errorMessage(part)).join(" ")), "Slack client");
    return {
      debug: () => undefined,
      info: () => undefined,
      warn: (...message) => report(message),
      error: (...message) => report(message),
      setLevel: (next) => {
        level = next;
      },
      getLevel: () => level,
      setName: () => undefined,
    };
  }

  private remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > rememberedMessages) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
}

/** Slack's answers meaning "this formatting cannot be shown": the plain text may pass. */
const formattingRefusals = new Set(["invalid_blocks", "invalid_blocks_format", "invalid_attachments"]);

function keyOf(message: SentMessage): string {
  return `${message.chatId}:${message.messageId}`;
}

function shareTs(shares: unknown, channel: string): string | undefined {
  const byVisibility = shares as Record<string, Record<string, { ts?: string }[]>> | undefined;
  for (const visibility of ["public", "private"]) {
    const ts = byVisibility?.[visibility]?.[channel]?.[0]?.ts;
    if (ts !== undefined) return ts;
  }
  return undefined;
}

function startupError(error: unknown): Error {
  const code = slackError(error) ?? (error instanceof HangarError ? error.details?.error : undefined);
  if (
    code === "invalid_auth" ||
    code === "not_authed" ||
    code === "account_inactive" ||
    code === "token_revoked"
  ) {
    return new HangarError(
      "UNAUTHORIZED",
      `Slack refused a token (${String(code)}): check bridges.slack.bot_token_env (xoxb-…) and app_token_env (xapp-…)`,
      { cause: error },
    );
  }
  if (code === "not_allowed_token_type") {
    return new HangarError(
      "UNAUTHORIZED",
      "Slack refused a token of the wrong kind: bot_token_env must name an xoxb- token, app_token_env an xapp- token with connections:write",
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(errorMessage(error));
}
