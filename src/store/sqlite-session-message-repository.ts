import type BetterSqlite3 from "better-sqlite3";
import type { SessionMessage, SessionMessageRepository } from "../agents/session-message-repository.js";
import type { Database } from "./open-database.js";

interface SessionMessageRow {
  position: number;
  turn_id: string | null;
  message: string;
}

/**
 * A conversation as rows: each message is inserted once, its position computed
 * inside the insert (like an event's seq), so appending costs the same at the
 * 5th message and the 500th, and a crash can lose at most the append in flight.
 */
export class SqliteSessionMessageRepository implements SessionMessageRepository {
  readonly #append: (sessionId: string, turnId: string | null, messages: readonly unknown[]) => void;
  readonly #list: BetterSqlite3.Statement<[string], SessionMessageRow>;

  constructor(database: Database) {
    const insert = database.prepare<[string, string | null, string, string]>(
      `INSERT INTO session_messages (session_id, position, turn_id, message)
       SELECT ?, coalesce(max(position), 0) + 1, ?, ? FROM session_messages WHERE session_id = ?`,
    );
    this.#append = database.transaction(
      (sessionId: string, turnId: string | null, messages: readonly unknown[]) => {
        for (const message of messages) insert.run(sessionId, turnId, JSON.stringify(message), sessionId);
      },
    );
    this.#list = database.prepare(
      "SELECT position, turn_id, message FROM session_messages WHERE session_id = ? ORDER BY position",
    );
  }

  async append(sessionId: string, turnId: string | null, messages: readonly unknown[]): Promise<void> {
    if (messages.length > 0) this.#append(sessionId, turnId, messages);
  }

  async list(sessionId: string): Promise<SessionMessage[]> {
    return this.#list.all(sessionId).map((row) => ({
      position: row.position,
      turnId: row.turn_id,
      message: JSON.parse(row.message) as unknown,
    }));
  }
}
