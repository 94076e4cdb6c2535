import { Bot, GrammyError, InputFile } from "grammy";
import type { InlineKeyboardMarkup, Update } from "grammy/types";
import { HangarError, errorMessage } from "../../core/errors.js";
import type {
  BridgeHealth,
  ChatAddress,
  ChatBridge,
  InboundHandler,
  OutgoingFile,
  OutgoingMessage,
  SentMessage,
} from "../chat-bridge.js";
import { retryingTransformer } from "./api-retry.js";
import { downloadFile } from "./file-download.js";
import { forGrammy } from "./grammy-signal.js";
import { HealthTracker } from "../health-tracker.js";
import { toInboundEvent } from "./inbound-events.js";
import { inlineKeyboard, refusal } from "./outgoing-message.js";
import { defaultRetryPolicy, type RetryPolicy } from "../retry-policy.js";
import { UpdatePoller, type UpdateOffsetStore } from "./update-poller.js";

export type { UpdateOffsetStore } from "./update-poller.js";

export interface TelegramBridgeOptions {
  /** The token @BotFather gave (`123456:ABC…`). */
  readonly token: string;
  /** A Bot API server other than Telegram's own (a self-hosted one, or a test fixture); no trailing slash. */
  readonly apiRoot?: string;
  /** Markdown → Telegram MarkdownV2. When Telegram refuses the result, the Markdown itself is sent as plain text. */
  readonly renderMarkdown: (markdown: string) => string;
  /** Keeps the getUpdates offset across restarts. */
  readonly offsetStore: UpdateOffsetStore;
  /** How long one getUpdates waits for an update. Default 30 s. */
  readonly pollTimeoutSeconds?: number;
  /** Backoff while Telegram cannot be reached (network errors, 5xx). */
  readonly retry?: Partial<RetryPolicy>;
  /** Failures that have nowhere else to go: a handler that threw, an offset that could not be saved. */
  readonly onError?: (error: unknown, during: string) => void;
}

/** Telegram's limits the adapter checks before asking (bots may upload 50 MB and caption 1,024 characters). */
const uploadLimitBytes = 50 * 1024 * 1024;
const captionLimit = 1024;
/**
 * Telegram's documented pace for bots: about one message a second in a chat,
 * at most 20 a minute in a group (groups, supergroups and channels have
 * negative ids). 5% under it: two calls paced exactly an interval apart can
 * reach Telegram closer than that when the first one's request is slower.
 */
const privateChatIntervalMs = 1050;
const groupChatIntervalMs = 3150;
/** Keyboards remembered so an edit that does not mention buttons keeps them (Telegram drops them otherwise). */
const rememberedKeyboards = 1000;

/**
 * The ChatBridge port on Telegram's Bot API through grammY. Receiving is our own
 * long-polling loop (`UpdatePoller`) so the update offset is durable; sending goes
 * through a transformer that honours 429 `retry_after` and retries network
 * failures, so `send` and `edit` reject only when Telegram refuses for good.
 */
export class TelegramBridge implements ChatBridge {
  readonly platform = "telegram" as const;
  readonly messageLimit = 4096;
  private readonly bot: Bot;
  private readonly tracker = new HealthTracker();
  private readonly policy: RetryPolicy;
  private stopping = new AbortController();
  private poller: UpdatePoller | undefined;
  private readonly keyboards = new Map<string, InlineKeyboardMarkup>();

  constructor(private readonly options: TelegramBridgeOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.bot = new Bot(options.token, { client: options.apiRoot ? { apiRoot: options.apiRoot } : {} });
    this.bot.api.config.use(
      retryingTransformer({
        policy: this.policy,
        health: this.tracker,
        stopping: () => this.stopping.signal,
      }),
    );
  }

  /**
   * Checks the token (getMe), turns off any webhook (getUpdates refuses to run
   * beside one) and starts polling. A refused token rejects at once; an
   * unreachable Telegram is retried (health "retrying") until it answers or `stop()`.
   */
  async start(handler: InboundHandler): Promise<void> {
    if (this.poller) throw new HangarError("CONFLICT", "the Telegram bridge is already started");
    this.stopping = new AbortController();
    this.tracker.starting();
    const signal = this.stopping.signal;
    try {
      this.bot.botInfo = await this.bot.api.getMe(forGrammy(signal));
      await this.bot.api.deleteWebhook({ drop_pending_updates: false }, forGrammy(signal));
    } catch (error) {
      this.tracker.stopped();
      throw startupError(error);
    }
    const botInfo = this.bot.botInfo;
    const context = {
      botId: botInfo.id,
      botUsername: botInfo.username,
      download: (fileId: string, knownSize: number | undefined, maxBytes: number) =>
        downloadFile({
          getFilePath: async () =>
            (await this.bot.api.getFile(fileId, forGrammy(this.stopping.signal))).file_path,
          url: (path) =>
            `${this.options.apiRoot ?? "https://api.telegram.org"}/file/bot${this.options.token}/${path}`,
          knownSize,
          maxBytes,
          signal: this.stopping.signal,
        }),
    };
    this.poller = new UpdatePoller({
      getUpdates: (offset, timeout, pollSignal) =>
        this.bot.api.getUpdates(
          {
            ...(offset !== undefined ? { offset } : {}),
            timeout,
            allowed_updates: ["message", "callback_query"],
          },
          forGrammy(pollSignal),
        ),
      route: (update: Update) => toInboundEvent(update, context),
      handle: ({ event }) => handler(event),
      offsetStore: this.options.offsetStore,
      health: this.tracker,
      policy: this.policy,
      pollTimeoutSeconds: this.options.pollTimeoutSeconds ?? 30,
      onError:
        this.options.onError ?? ((error, during) => console.error(`telegram bridge: ${during}:`, error)),
    });
    try {
      await this.poller.start();
    } catch (error) {
      this.poller = undefined;
      this.tracker.stopped();
      throw error;
    }
  }

  /** Aborts the long poll and every retry wait; resolves once nothing of the adapter runs. */
  async stop(): Promise<void> {
    this.stopping.abort(new HangarError("SHUTTING_DOWN", "the Telegram bridge is stopping"));
    await this.poller?.stop();
    this.poller = undefined;
    this.tracker.stopped();
  }

  health(): BridgeHealth {
    return this.tracker.get();
  }

  async send(to: ChatAddress, message: OutgoingMessage): Promise<SentMessage> {
    const keyboard =
      message.buttons && message.buttons.length > 0 ? inlineKeyboard(message.buttons) : undefined;
    const common = {
      ...(to.threadId !== undefined ? { message_thread_id: Number(to.threadId) } : {}),
      ...(keyboard ? { reply_markup: keyboard } : {}),
    };
    const sent = await this.formattedOrPlain("sendMessage", message.markdown, (text, parseMode) =>
      this.bot.api.sendMessage(to.chatId, text, { ...common, ...parseMode }, forGrammy(this.stopping.signal)),
    );
    const reference: SentMessage = { ...to, messageId: String(sent.message_id) };
    if (keyboard) this.rememberKeyboard(reference, keyboard);
    return reference;
  }

  minimumEditIntervalMs(to: ChatAddress): number {
    return to.chatId.startsWith("-") ? groupChatIntervalMs : privateChatIntervalMs;
  }

  async edit(message: SentMessage, update: OutgoingMessage): Promise<void> {
    const keyboard =
      update.buttons === undefined ? this.keyboards.get(keyOf(message)) : inlineKeyboard(update.buttons);
    await this.formattedOrPlain("editMessageText", update.markdown, async (text, parseMode) => {
      try {
        await this.bot.api.editMessageText(
          message.chatId,
          Number(message.messageId),
          text,
          { ...parseMode, ...(keyboard ? { reply_markup: keyboard } : {}) },
          forGrammy(this.stopping.signal),
        );
      } catch (error) {
        // Telegram refuses an edit that changes nothing; for the bridge the message already says it.
        if (error instanceof GrammyError && refusal.notModified(error.description)) return;
        throw error;
      }
    });
    if (keyboard && keyboard.inline_keyboard.length > 0) this.rememberKeyboard(message, keyboard);
    else this.keyboards.delete(keyOf(message));
  }

  async answerButton(pressId: string, notice?: string): Promise<void> {
    try {
      await this.bot.api.answerCallbackQuery(
        pressId,
        notice === undefined ? {} : { text: notice.slice(0, 200) },
        forGrammy(this.stopping.signal),
      );
    } catch (error) {
      // A press answered late (Telegram keeps them answerable for a short while) needs no answer any more.
      if (error instanceof GrammyError && refusal.staleQuery(error.description)) return;
      throw this.failure("answerCallbackQuery", error);
    }
  }

  async sendFile(to: ChatAddress, file: OutgoingFile): Promise<SentMessage> {
    if (file.bytes.length > uploadLimitBytes) {
      throw new HangarError(
        "PAYLOAD_TOO_LARGE",
        `${file.name} is ${file.bytes.length} bytes; Telegram bots may send files up to 50 MB`,
      );
    }
    if (file.caption !== undefined && file.caption.length > captionLimit) {
      throw new HangarError("PAYLOAD_TOO_LARGE", `a file caption is at most ${captionLimit} characters`, {
        field: "caption",
      });
    }
    try {
      const sent = await this.bot.api.sendDocument(
        to.chatId,
        new InputFile(file.bytes, file.name),
        {
          ...(to.threadId !== undefined ? { message_thread_id: Number(to.threadId) } : {}),
          ...(file.caption !== undefined ? { caption: file.caption } : {}),
        },
        forGrammy(this.stopping.signal),
      );
      return { ...to, messageId: String(sent.message_id) };
    } catch (error) {
      throw this.failure("sendDocument", error);
    }
  }

  /**
   * Sends the rendered MarkdownV2; when Telegram cannot parse it (a renderer
   * bug, or text it treats differently), sends the Markdown as plain text, so
   * the words always arrive.
   */
  private async formattedOrPlain<T>(
    method: string,
    markdown: string,
    call: (text: string, parseMode: { parse_mode?: "MarkdownV2" }) => Promise<T>,
  ): Promise<T> {
    try {
      return await call(this.options.renderMarkdown(markdown), { parse_mode: "MarkdownV2" });
    } catch (error) {
      if (!(error instanceof GrammyError && refusal.unparsable(error.description)))
        throw this.failure(method, error);
    }
    try {
      return await call(markdown, {});
    } catch (error) {
      throw this.failure(method, error);
    }
  }

  /** After `stop()` every call fails with the same "stopping" error, not a network error it caused. */
  private failure(method: string, error: unknown): Error {
    const { signal } = this.stopping;
    return signal.aborted && signal.reason instanceof Error ? signal.reason : refused(method, error);
  }

  private rememberKeyboard(message: SentMessage, keyboard: InlineKeyboardMarkup): void {
    const key = keyOf(message);
    this.keyboards.delete(key);
    this.keyboards.set(key, keyboard);
    if (this.keyboards.size > rememberedKeyboards) {
      const oldest = this.keyboards.keys().next().value;
      if (oldest !== undefined) this.keyboards.delete(oldest);
    }
  }
}

function keyOf(message: SentMessage): string {
  return `${message.chatId}:${message.messageId}`;
}

/** A Bot API refusal as a HangarError whose message names the method and quotes Telegram. */
function refused(method: string, error: unknown): Error {
  if (error instanceof HangarError) return error;
  if (!(error instanceof GrammyError)) return error instanceof Error ? error : new Error(String(error));
  const code =
    error.error_code === 403 ? "FORBIDDEN" : error.error_code === 401 ? "UNAUTHORIZED" : "BAD_REQUEST";
  return new HangarError(code, `Telegram refused ${method}: ${error.error_code} ${error.description}`, {
    cause: error,
    details: { errorCode: error.error_code, description: error.description },
  });
}

function startupError(error: unknown): Error {
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return new HangarError(
      "UNAUTHORIZED",
      `Telegram refused the bot token (${error.error_code} ${error.description}): ` +
        "check the token @BotFather gave, in the environment variable bridges.telegram.token_env names" +
        (error.error_code === 404 ? ", and that api_root points at a Bot API server" : ""),
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(errorMessage(error));
}
