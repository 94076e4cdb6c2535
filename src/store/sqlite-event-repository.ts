import type BetterSqlite3 from "better-sqlite3";
import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../events/session-events.js";
import type { EventRepository } from "../events/event-repository.js";
import { milliseconds } from "./milliseconds.js";
import type { Database } from "./open-database.js";

interface EventRow {
  session_id: string;
  seq: number;
  name: SessionEventName;
  data: string;
  created_at: number;
}

/**
 * The seq is computed inside the insert: a write statement takes the write lock
 * before it reads, so two writers (even two processes) can never see the same
 * max(seq), and the primary key would refuse a duplicate anyway. Parameters:
 * session id, name, data, created_at, session id.
 */
export const appendEventStatement = `INSERT INTO session_events (session_id, seq, name, data, created_at)
  SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ? FROM session_events WHERE session_id = ?
  RETURNING seq`;

export class SqliteEventRepository implements EventRepository {
  readonly #append: BetterSqlite3.Statement<[string, string, string, number, string], number>;
  readonly #list: BetterSqlite3.Statement<[string, number, number], EventRow>;
  readonly #lastSeq: BetterSqlite3.Statement<[string], number>;

  constructor(database: Database) {
    this.#append = database
      .prepare<[string, string, string, number, string], number>(appendEventStatement)
      .pluck();
    this.#list = database.prepare(
      "SELECT * FROM session_events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?",
    );
    this.#lastSeq = database
      .prepare<[string], number>("SELECT coalesce(max(seq), 0) FROM session_events WHERE session_id = ?")
      .pluck();
  }

  async append<Name extends SessionEventName>(
    sessionId: string,
    name: Name,
    data: SessionEventPayloads[Name],
    createdAt: Date,
  ): Promise<SessionEvent<Name>> {
    const json = JSON.stringify(data);
    const time = milliseconds(createdAt, "createdAt");
    const seq = this.#append.get(sessionId, name, json, time, sessionId)!;
    return {
      session_id: sessionId,
      seq,
      name,
      // Parsed back so live subscribers get exactly what a replay would give them.
      data: JSON.parse(json) as SessionEventPayloads[Name],
      created_at: new Date(time).toISOString(),
    };
  }

  async list(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return this.#list.all(sessionId, afterSeq, limit).map(toEvent);
  }

  async lastSeq(sessionId: string): Promise<number> {
    return this.#lastSeq.get(sessionId)!;
  }
}

function toEvent(row: EventRow): SessionEvent {
  // The row's name and data were stored together, from one member of the union.
  return {
    session_id: row.session_id,
    seq: row.seq,
    name: row.name,
    data: JSON.parse(row.data) as unknown,
    created_at: new Date(row.created_at).toISOString(),
  } as SessionEvent;
}
