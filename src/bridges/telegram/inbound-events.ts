import type { Message, MessageEntity, Update, User } from "grammy/types";
import type { AttachedFile, ChatAddress, ChatUser, InboundEvent } from "../chat-bridge.js";

/** What the conversion needs to know about the bot and how to fetch an attached file. */
export interface InboundContext {
  readonly botId: number;
  /** Without the `@`; `/task@OtherBot` is addressed to another bot and ignored. */
  readonly botUsername: string;
  readonly download: (fileId: string, knownSize: number | undefined, maxBytes: number) => Promise<Uint8Array>;
}

/** An update as the bridge sees it, with the chat it is ordered in; undefined for updates the bridge ignores. */
export interface RoutedEvent {
  readonly chatKey: string;
  readonly event: InboundEvent;
}

export function toInboundEvent(update: Update, context: InboundContext): RoutedEvent | undefined {
  if (update.callback_query) {
    const press = update.callback_query;
    // Inline-mode messages (no `message`) and game buttons (no `data`) are not the bridge's.
    if (!press.message || press.data === undefined) return undefined;
    const at = addressOf(press.message);
    return {
      chatKey: at.chatId,
      event: {
        kind: "button",
        pressId: press.id,
        data: press.data,
        from: userOf(press.from),
        message: { ...at, messageId: String(press.message.message_id) },
      },
    };
  }
  const message = update.message;
  if (!message?.from || message.from.is_bot) return undefined;
  const at = addressOf(message);
  const from = userOf(message.from);
  const text = message.text ?? message.caption;
  if (text === undefined) return undefined;
  const command = parseCommand(text, message.entities ?? message.caption_entities ?? [], context.botUsername);
  if (command === "elsewhere") return undefined;
  if (command) {
    const files = message.document ? [attachedDocument(message.document, context)] : [];
    return { chatKey: at.chatId, event: { kind: "command", ...command, from, at, files } };
  }
  // A file without a command has no task to go to.
  if (message.text === undefined) return undefined;
  const replied = message.reply_to_message;
  const replyTo =
    replied && replied.from?.id === context.botId
      ? { ...at, messageId: String(replied.message_id) }
      : undefined;
  return { chatKey: at.chatId, event: { kind: "text", text, from, at, ...(replyTo ? { replyTo } : {}) } };
}

/**
 * `/task@BotName fix it` → name "task", argument "fix it". Telegram marks the
 * command with a `bot_command` entity at offset 0; a command addressed to another
 * bot in a group is "elsewhere".
 */
export function parseCommand(
  text: string,
  entities: readonly MessageEntity[],
  botUsername: string,
): { name: string; argument: string } | "elsewhere" | undefined {
  const entity = entities.find((candidate) => candidate.type === "bot_command" && candidate.offset === 0);
  if (!entity) return undefined;
  const [name = "", target] = text.slice(1, entity.length).split("@");
  if (target !== undefined && target.toLowerCase() !== botUsername.toLowerCase()) return "elsewhere";
  return { name: name.toLowerCase(), argument: text.slice(entity.length).trim() };
}

function addressOf(message: Pick<Message, "chat" | "message_thread_id" | "is_topic_message">): ChatAddress {
  // message_thread_id also appears on replies in plain groups; only forum topics are threads to answer in.
  return message.is_topic_message && message.message_thread_id !== undefined
    ? { chatId: String(message.chat.id), threadId: String(message.message_thread_id) }
    : { chatId: String(message.chat.id) };
}

function userOf(user: User): ChatUser {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return { userId: String(user.id), displayName: name || user.username || String(user.id) };
}

function attachedDocument(document: NonNullable<Message["document"]>, context: InboundContext): AttachedFile {
  return {
    name: document.file_name ?? `${document.file_unique_id}.bin`,
    download: (maxBytes) => context.download(document.file_id, document.file_size, maxBytes),
  };
}
