import type { AttachedFile, ChatUser, InboundEvent } from "../chat-bridge.js";

/** The commands a mention or a DM may start with; any other text is a task. */
const knownWords = new Set(["cancel", "status", "sessions", "project", "file", "diff", "help"]);

/** What the adapter needs to know about the workspace to read an envelope. */
export interface InboundContext {
  readonly botUserId: string;
  /** The bot's latest message in a thread, when it posted there (a reply there answers it). */
  latestBotMessage(channel: string, threadTs: string): string | undefined;
  download(url: string, knownSize: number | undefined, maxBytes: number): Promise<Uint8Array>;
}

/**
 * An envelope's meaning for the bridge: an event ready to handle, a slash command
 * (which needs a thread to live in: the adapter posts its root first), or nothing.
 * `chatId` orders the handling: one channel at a time.
 */
export type Routed =
  | { readonly kind: "event"; readonly chatId: string; readonly event: InboundEvent }
  | {
      readonly kind: "slash";
      readonly chatId: string;
      readonly name: string;
      readonly argument: string;
      readonly from: ChatUser;
    };

interface MessageEvent {
  readonly type?: string;
  readonly subtype?: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly thread_ts?: string;
  readonly channel?: string;
  readonly files?: readonly { name?: string; size?: number; url_private_download?: string }[];
}

/** Routes a Bolt request body (events API callback, slash command or block_actions); undefined to ignore it. */
export function routeBody(body: Record<string, unknown>, context: InboundContext): Routed | undefined {
  if (body.type === "event_callback") return routeMessage(body.event as MessageEvent, context);
  if (typeof body.command === "string") return routeSlash(body);
  if (body.type === "block_actions") return routePress(body);
  return undefined;
}

/**
 * A user as the bridge shows them: the Slack username where the payload has one
 * (slash commands, presses), else the id — event payloads carry only the id, and
 * looking names up would need the users:read scope and a call per user.
 */
function userOf(userId: string, name?: unknown): ChatUser {
  return { userId, displayName: typeof name === "string" && name !== "" ? name : userId };
}

function routeMessage(event: MessageEvent, context: InboundContext): Routed | undefined {
  const { user, channel, ts } = event;
  if (user === undefined || channel === undefined || ts === undefined) return undefined;
  if (user === context.botUserId || event.bot_id !== undefined) return undefined;
  // Edits, deletions, joins… are not something a user asked; a message with files is.
  if (event.subtype !== undefined && event.subtype !== "file_share") return undefined;
  const text = event.text ?? "";
  const mention = `<@${context.botUserId}>`;
  const inThread = event.thread_ts !== undefined && event.thread_ts !== ts;
  const direct = event.type === "message" && event.channel_type === "im";
  if (event.type === "app_mention" || (direct && !inThread)) {
    const stripped = text.split(mention).join(" ").replace(/\s+/g, " ").trim();
    return {
      kind: "event",
      chatId: channel,
      event: commandEvent(stripped, userOf(user), channel, event.thread_ts ?? ts, filesOf(event, context)),
    };
  }
  // A mention in a thread also arrives as `app_mention`, handled above: not twice.
  if (event.type !== "message" || !inThread || text.includes(mention)) return undefined;
  const threadTs = event.thread_ts;
  const latest = context.latestBotMessage(channel, threadTs);
  if (latest === undefined && !direct) return undefined;
  const at = { chatId: channel, threadId: threadTs };
  return {
    kind: "event",
    chatId: channel,
    event: {
      kind: "text",
      text,
      from: userOf(user),
      at,
      ...(latest !== undefined ? { replyTo: { ...at, messageId: latest } } : {}),
    },
  };
}

function commandEvent(
  text: string,
  from: ChatUser,
  chatId: string,
  threadId: string,
  files: readonly AttachedFile[],
): InboundEvent {
  const [first = "", ...rest] = text.split(" ");
  const word = first.replace(/^\//, "").toLowerCase();
  const known = knownWords.has(word);
  return {
    kind: "command",
    name: known ? word : "task",
    argument: known ? rest.join(" ") : text,
    from,
    at: { chatId, threadId },
    files,
  };
}

function filesOf(event: MessageEvent, context: InboundContext): AttachedFile[] {
  return (event.files ?? []).flatMap((file) => {
    const url = file.url_private_download;
    if (url === undefined) return [];
    return [
      {
        name: file.name ?? "file",
        download: (maxBytes: number) => context.download(url, file.size, maxBytes),
      },
    ];
  });
}

function routeSlash(body: Record<string, unknown>): Routed | undefined {
  const chatId = body.channel_id;
  const user = body.user_id;
  if (typeof chatId !== "string" || typeof user !== "string") return undefined;
  return {
    kind: "slash",
    chatId,
    name: String(body.command).replace(/^\//, ""),
    argument: typeof body.text === "string" ? body.text.trim() : "",
    from: userOf(user, body.user_name),
  };
}

interface PressBody {
  readonly user?: { id?: string; username?: string; name?: string };
  readonly container?: { channel_id?: string; message_ts?: string; thread_ts?: string };
  readonly channel?: { id?: string };
  readonly message?: { ts?: string; thread_ts?: string };
  readonly actions?: readonly { value?: string; action_ts?: string }[];
}

function routePress(raw: Record<string, unknown>): Routed | undefined {
  const body = raw as PressBody;
  const userId = body.user?.id;
  const chatId = body.container?.channel_id ?? body.channel?.id;
  const messageId = body.container?.message_ts ?? body.message?.ts;
  const action = body.actions?.[0];
  if (userId === undefined || chatId === undefined || messageId === undefined || action?.value === undefined)
    return undefined;
  const threadId = body.container?.thread_ts ?? body.message?.thread_ts;
  return {
    kind: "event",
    chatId,
    event: {
      kind: "button",
      pressId: encodePress({ chatId, userId, ...(threadId !== undefined ? { threadId } : {}) }),
      data: action.value,
      from: userOf(userId, body.user?.username ?? body.user?.name),
      message: { chatId, messageId, ...(threadId !== undefined ? { threadId } : {}) },
    },
  };
}

/** Slack has no callback to answer: a press id says where an ephemeral notice goes, and to whom. */
export interface PressTarget {
  readonly chatId: string;
  readonly userId: string;
  readonly threadId?: string;
}

export function encodePress(target: PressTarget): string {
  return [target.chatId, target.userId, target.threadId ?? ""].join("/");
}

export function decodePress(pressId: string): PressTarget | undefined {
  const [chatId, userId, threadId] = pressId.split("/");
  if (!chatId || !userId) return undefined;
  return { chatId, userId, ...(threadId ? { threadId } : {}) };
}
