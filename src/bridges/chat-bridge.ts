// The port every chat platform adapter implements (Telegram on grammY, Slack on
// Bolt). The bridge logic — commands, routing, streaming, interactions — is
// written once over this port; an adapter only moves messages and presses.

/** Where a message goes: a Telegram chat, or a Slack channel (and, in Slack, a task's thread). */
export interface ChatAddress {
  readonly chatId: string;
  /** Slack: the thread's `thread_ts`; Telegram: a forum topic's `message_thread_id` when there is one. */
  readonly threadId?: string;
}

/** A message the platform accepted, as the bridge refers to it later (edits, durability). */
export interface SentMessage extends ChatAddress {
  readonly messageId: string;
}

/** One button. `data` travels back in the press; at most 64 bytes (Telegram's limit, kept on every platform). */
export interface ChatButton {
  readonly label: string;
  readonly data: string;
}

export interface OutgoingMessage {
  /**
   * The text as Markdown (CommonMark subset: emphasis, inline code, fenced code,
   * links). The adapter renders it to the platform's format (MarkdownV2, mrkdwn);
   * when the platform rejects the formatted text it sends the text plain — the
   * text itself is never lost.
   */
  readonly markdown: string;
  /** Rows of buttons; an empty array removes the buttons of an edited message. */
  readonly buttons?: readonly (readonly ChatButton[])[];
}

export interface OutgoingFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly caption?: string;
}

/** Who did something on the platform. `userId` is the platform's id as a string. */
export interface ChatUser {
  readonly userId: string;
  readonly displayName: string;
}

export interface AttachedFile {
  readonly name: string;
  /** Fetches the file's bytes from the platform; refuses files over `maxBytes`. */
  download(maxBytes: number): Promise<Uint8Array>;
}

/** What reaches the bridge from the platform. */
export type InboundEvent =
  | {
      /** `/task fix it` → name "task", argument "fix it". A Slack mention or DM with no command is name "task". */
      readonly kind: "command";
      readonly name: string;
      readonly argument: string;
      readonly from: ChatUser;
      readonly at: ChatAddress;
      readonly files: readonly AttachedFile[];
    }
  | {
      readonly kind: "button";
      /** Answer it with `answerButton` (the platform shows a spinner until then). */
      readonly pressId: string;
      readonly data: string;
      readonly from: ChatUser;
      readonly message: SentMessage;
    }
  | {
      /** Plain text; `replyTo` when it answers one of the bot's messages (free-text questions). */
      readonly kind: "text";
      readonly text: string;
      readonly from: ChatUser;
      readonly at: ChatAddress;
      readonly replyTo?: SentMessage;
    };

export type InboundHandler = (event: InboundEvent) => Promise<void>;

/** Whether the adapter can reach its platform, for `/status` and `hangar bridges status`. */
export interface BridgeHealth {
  readonly state: "starting" | "connected" | "retrying" | "stopped";
  /** The last failure talking to the platform, while retrying. */
  readonly lastError?: string;
  readonly since: Date;
}

export interface ChatBridge {
  readonly platform: "telegram" | "slack";
  /** The platform's longest message in characters (Telegram 4,096; Slack's `text` 40,000, kept lower for readability). */
  readonly messageLimit: number;
  /** Starts receiving (long polling, Socket Mode); events go to `handler` one chat at a time, in order. */
  start(handler: InboundHandler): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends a message. Rate limits (Telegram 429 `retry_after`, Slack `Retry-After`)
   * and transient failures are retried inside the adapter with backoff; it rejects
   * only when the platform refuses the message for good.
   */
  send(to: ChatAddress, message: OutgoingMessage): Promise<SentMessage>;
  /**
   * The least time between two messages sent or edited into `to`, within the
   * platform's documented rate for that kind of chat (Telegram: 1 s in a
   * private chat, 3 s in a group; Slack's chat.update tier: about 1.2 s). The
   * relays of one dispatcher share it per chat. Optional: 1 s when absent.
   */
  minimumEditIntervalMs?(to: ChatAddress): number;
  /** Replaces a sent message's text and buttons; an unchanged text is not an error. */
  edit(message: SentMessage, update: OutgoingMessage): Promise<void>;
  /** Stops a button's spinner, optionally with a short notice shown to the presser. */
  answerButton(pressId: string, notice?: string): Promise<void>;
  sendFile(to: ChatAddress, file: OutgoingFile): Promise<SentMessage>;
  health(): BridgeHealth;
}
