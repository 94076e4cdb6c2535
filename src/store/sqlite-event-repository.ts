import type BetterSqlite3 from "better-sqlite3";
import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../events/session-events.js";
import type { EventRepository, LoggedOrigin } from "../events/event-repository.js";
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
 * session id, name, data, created_at, origin, session id.
 */
export const appendEventStatement = `INSERT INTO session_events (session_id, seq, name, data, created_at, origin)
  SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM session_events WHERE session_id = ?
  RETURNING seq`;

export class SqliteEventRepository implements EventRepository {
  readonly #append: BetterSqlite3.Statement<[string, string, string, number, number | null, string], number>;
  readonly #lastOrigin: BetterSqlite3.Statement<[string], number>;
  readonly #originCount: BetterSqlite3.Statement<[string, number], number>;
  readonly #list: BetterSqlite3.Statement<[string, number, number], EventRow>;
  readonly #lastSeq: BetterSqlite3.Statement<[string], number>;

  constructor(database: Database) {
    this.#append = database
      .prepare<[string, string, string, number, number | null, string], number>(appendEventStatement)
      .pluck();
    // Newest first along the primary key: events without an origin (the session side's) are few.
    this.#lastOrigin = database
      .prepare<[string], number>(
        "SELECT origin FROM session_events WHERE session_id = ? AND origin IS NOT NULL ORDER BY seq DESC LIMIT 1",
      )
      .pluck();
    this.#originCount = database
      .prepare<[string, number], number>(
        "SELECT count(*) FROM session_events WHERE session_id = ? AND origin = ?",
      )
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
    origin?: number,
  ): Promise<SessionEvent<Name>> {
    const json = JSON.stringify(data);
    const time = milliseconds(createdAt, "createdAt");
    const seq = this.#append.get(sessionId, name, json, time, origin ?? null, sessionId)!;
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

  async lastOrigin(sessionId: string): Promise<LoggedOrigin | undefined> {
    const origin = this.#lastOrigin.get(sessionId);
    if (origin === undefined) return undefined;
    return { origin, count: this.#originCount.get(sessionId, origin)! };
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
