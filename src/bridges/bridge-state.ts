// What a bridge keeps across restarts (the port; store/ holds the SQLite adapter).
// A restarted Hangar reads it to continue every active session's stream in the
// same chat thread from where the chat left off, and to resume long polling.

import type { ChatAddress, SentMessage } from "./chat-bridge.js";

export type BridgePlatform = "telegram" | "slack";

/** A message the bridge sent for the current turn, with the text the chat now shows. */
export interface DeliveredMessage {
  readonly messageId: string;
  readonly text: string;
}

/** A question or permission request shown with buttons, until it is resolved. */
export interface ShownInteraction {
  readonly interactionId: string;
  readonly message: SentMessage;
}

/** One session followed into one chat (a Telegram chat, a Slack thread). */
export interface SessionDelivery {
  readonly platform: BridgePlatform;
  readonly sessionId: string;
  /** The Hangar owner the session belongs to (the chat user who started it, mapped). */
  readonly owner: string;
  readonly address: ChatAddress;
  /** The seq of the last event whose effect the chat shows. */
  readonly deliveredSeq: number;
  /**
   * Where the text of `messages` starts: the seq of the turn's start, of a question
   * shown (later text goes below its buttons) or of the last turn's end. A restart
   * rebuilds that text from the events after it.
   */
  readonly textStartSeq: number;
  /** The messages holding the text since `textStartSeq`, in order; earlier ones are never edited again. */
  readonly messages: readonly DeliveredMessage[];
  readonly interactions: readonly ShownInteraction[];
  /** False once the session settled and its summary is in the chat. */
  readonly active: boolean;
}

export interface BridgeStateRepository {
  /** Inserts or replaces the delivery of (platform, sessionId). */
  saveDelivery(delivery: SessionDelivery): Promise<void>;
  findDelivery(platform: BridgePlatform, sessionId: string): Promise<SessionDelivery | undefined>;
  listActiveDeliveries(platform: BridgePlatform): Promise<SessionDelivery[]>;
  /** The newest sessions delivered into a chat (a Slack thread when `threadId` is given), newest first. */
  listDeliveriesOfChat(
    platform: BridgePlatform,
    address: ChatAddress,
    limit: number,
  ): Promise<SessionDelivery[]>;
  /** `/project <id>`: the project a chat's tasks work in. */
  bindProject(platform: BridgePlatform, chatId: string, projectId: string): Promise<void>;
  projectOf(platform: BridgePlatform, chatId: string): Promise<string | undefined>;
  /** Telegram's long-polling offset (the next update id wanted). */
  loadUpdateOffset(platform: BridgePlatform): Promise<number | undefined>;
  saveUpdateOffset(platform: BridgePlatform, offset: number): Promise<void>;
}
