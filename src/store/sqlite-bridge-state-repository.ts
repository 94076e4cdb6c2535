import type BetterSqlite3 from "better-sqlite3";
import type {
  BridgePlatform,
  BridgeStateRepository,
  DeliveredMessage,
  SessionDelivery,
  ShownInteraction,
} from "../bridges/bridge-state.js";
import type { ChatAddress } from "../bridges/chat-bridge.js";
import type { Database } from "./open-database.js";

interface DeliveryRow {
  platform: BridgePlatform;
  session_id: string;
  owner: string;
  chat_id: string;
  thread_id: string | null;
  delivered_seq: number;
  text_start_seq: number;
  messages: string;
  interactions: string;
  active: 0 | 1;
}

export class SqliteBridgeStateRepository implements BridgeStateRepository {
  readonly #save: BetterSqlite3.Statement<[Record<string, unknown>]>;
  readonly #find: BetterSqlite3.Statement<[string, string], DeliveryRow>;
  readonly #listActive: BetterSqlite3.Statement<[string], DeliveryRow>;
  readonly #listOfChat: BetterSqlite3.Statement<[string, string, number], DeliveryRow>;
  readonly #listOfThread: BetterSqlite3.Statement<[string, string, string, number], DeliveryRow>;
  readonly #bindProject: BetterSqlite3.Statement<[string, string, string]>;
  readonly #projectOf: BetterSqlite3.Statement<[string, string], { project_id: string }>;
  readonly #loadOffset: BetterSqlite3.Statement<[string], { next_offset: number }>;
  readonly #saveOffset: BetterSqlite3.Statement<[string, number]>;

  constructor(database: Database) {
    this.#save = database.prepare(`INSERT OR REPLACE INTO bridge_deliveries (platform, session_id, owner,
        chat_id, thread_id, delivered_seq, text_start_seq, messages, interactions, active, updated_at)
      VALUES (@platform, @sessionId, @owner, @chatId, @threadId, @deliveredSeq, @textStartSeq, @messages,
        @interactions, @active, @updatedAt)`);
    this.#find = database.prepare("SELECT * FROM bridge_deliveries WHERE platform = ? AND session_id = ?");
    this.#listActive = database.prepare(
      "SELECT * FROM bridge_deliveries WHERE platform = ? AND active = 1 ORDER BY updated_at, session_id",
    );
    this.#listOfChat = database.prepare(`SELECT * FROM bridge_deliveries WHERE platform = ? AND chat_id = ?
      ORDER BY updated_at DESC, rowid DESC LIMIT ?`);
    this.#listOfThread = database.prepare(`SELECT * FROM bridge_deliveries
      WHERE platform = ? AND chat_id = ? AND thread_id = ? ORDER BY updated_at DESC, rowid DESC LIMIT ?`);
    this.#bindProject = database.prepare(
      "INSERT OR REPLACE INTO bridge_chats (platform, chat_id, project_id) VALUES (?, ?, ?)",
    );
    this.#projectOf = database.prepare(
      "SELECT project_id FROM bridge_chats WHERE platform = ? AND chat_id = ?",
    );
    this.#loadOffset = database.prepare("SELECT next_offset FROM bridge_update_offsets WHERE platform = ?");
    this.#saveOffset = database.prepare(
      "INSERT OR REPLACE INTO bridge_update_offsets (platform, next_offset) VALUES (?, ?)",
    );
  }

  async saveDelivery(delivery: SessionDelivery): Promise<void> {
    this.#save.run({
      platform: delivery.platform,
      sessionId: delivery.sessionId,
      owner: delivery.owner,
      chatId: delivery.address.chatId,
      threadId: delivery.address.threadId ?? null,
      deliveredSeq: delivery.deliveredSeq,
      textStartSeq: delivery.textStartSeq,
      messages: JSON.stringify(delivery.messages),
      interactions: JSON.stringify(delivery.interactions),
      active: delivery.active ? 1 : 0,
      updatedAt: Date.now(),
    });
  }

  async findDelivery(platform: BridgePlatform, sessionId: string): Promise<SessionDelivery | undefined> {
    const row = this.#find.get(platform, sessionId);
    return row === undefined ? undefined : toDelivery(row);
  }

  async listActiveDeliveries(platform: BridgePlatform): Promise<SessionDelivery[]> {
    return this.#listActive.all(platform).map(toDelivery);
  }

  async listDeliveriesOfChat(
    platform: BridgePlatform,
    address: ChatAddress,
    limit: number,
  ): Promise<SessionDelivery[]> {
    const rows =
      address.threadId === undefined
        ? this.#listOfChat.all(platform, address.chatId, limit)
        : this.#listOfThread.all(platform, address.chatId, address.threadId, limit);
    return rows.map(toDelivery);
  }

  async bindProject(platform: BridgePlatform, chatId: string, projectId: string): Promise<void> {
    this.#bindProject.run(platform, chatId, projectId);
  }

  async projectOf(platform: BridgePlatform, chatId: string): Promise<string | undefined> {
    return this.#projectOf.get(platform, chatId)?.project_id;
  }

  async loadUpdateOffset(platform: BridgePlatform): Promise<number | undefined> {
    return this.#loadOffset.get(platform)?.next_offset;
  }

  async saveUpdateOffset(platform: BridgePlatform, offset: number): Promise<void> {
    this.#saveOffset.run(platform, offset);
  }
}

function toDelivery(row: DeliveryRow): SessionDelivery {
  return {
    platform: row.platform,
    sessionId: row.session_id,
    owner: row.owner,
    address:
      row.thread_id === null ? { chatId: row.chat_id } : { chatId: row.chat_id, threadId: row.thread_id },
    deliveredSeq: row.delivered_seq,
    textStartSeq: row.text_start_seq,
    messages: JSON.parse(row.messages) as DeliveredMessage[],
    interactions: JSON.parse(row.interactions) as ShownInteraction[],
    active: row.active === 1,
  };
}
