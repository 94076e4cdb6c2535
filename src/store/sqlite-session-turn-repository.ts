import type BetterSqlite3 from "better-sqlite3";
import { milliseconds } from "./milliseconds.js";
import type { Database } from "./open-database.js";
import type {
  NewSessionTurn,
  SessionTurnRecord,
  SessionTurnRepository,
  TurnOutcome,
  TurnStatus,
} from "../sessions/session-turn-repository.js";

interface SessionTurnRow {
  id: string;
  session_id: string;
  prompt: string;
  model: string | null;
  status: TurnStatus;
  reason: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

export class SqliteSessionTurnRepository implements SessionTurnRepository {
  readonly #insert: BetterSqlite3.Statement<[string, string, string, string | null, number], SessionTurnRow>;
  readonly #get: BetterSqlite3.Statement<[string], SessionTurnRow>;
  readonly #nextQueued: BetterSqlite3.Statement<[string], SessionTurnRow>;
  readonly #start: BetterSqlite3.Statement<[number, string]>;
  readonly #finish: BetterSqlite3.Statement<[string, string | null, number, string]>;
  readonly #countQueued: BetterSqlite3.Statement<[string], number>;
  readonly #cancelQueued: BetterSqlite3.Statement<[string, number, string]>;
  readonly #listByStatus: BetterSqlite3.Statement<[string], SessionTurnRow>;
  readonly #listBySession: BetterSqlite3.Statement<[string], SessionTurnRow>;

  constructor(database: Database) {
    this.#insert =
      database.prepare(`INSERT INTO session_turns (id, session_id, prompt, model, status, created_at)
      VALUES (?, ?, ?, ?, 'queued', ?) RETURNING *`);
    this.#get = database.prepare("SELECT * FROM session_turns WHERE id = ?");
    // rowid follows insertion, so turns enqueued in the same millisecond keep their order.
    this.#nextQueued = database.prepare(
      `SELECT * FROM session_turns WHERE session_id = ? AND status = 'queued'
       ORDER BY created_at, rowid LIMIT 1`,
    );
    this.#start = database.prepare(
      "UPDATE session_turns SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'",
    );
    this.#finish = database.prepare(`UPDATE session_turns SET status = ?, reason = ?, ended_at = ?
      WHERE id = ? AND status IN ('queued', 'running')`);
    this.#countQueued = database
      .prepare<[string], number>(
        "SELECT count(*) FROM session_turns WHERE session_id = ? AND status = 'queued'",
      )
      .pluck();
    this.#cancelQueued =
      database.prepare(`UPDATE session_turns SET status = 'cancelled', reason = ?, ended_at = ?
      WHERE session_id = ? AND status = 'queued'`);
    this.#listByStatus = database.prepare(
      `SELECT * FROM session_turns WHERE status IN (SELECT value FROM json_each(?))
       ORDER BY created_at, rowid`,
    );
    this.#listBySession = database.prepare(
      "SELECT * FROM session_turns WHERE session_id = ? ORDER BY created_at, rowid",
    );
  }

  async enqueue(turn: NewSessionTurn): Promise<SessionTurnRecord> {
    const row = this.#insert.get(
      turn.id,
      turn.sessionId,
      turn.prompt,
      turn.model ?? null,
      milliseconds(turn.createdAt, "createdAt"),
    );
    return toRecord(row!);
  }

  async get(id: string): Promise<SessionTurnRecord | undefined> {
    const row = this.#get.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  async nextQueued(sessionId: string): Promise<SessionTurnRecord | undefined> {
    const row = this.#nextQueued.get(sessionId);
    return row === undefined ? undefined : toRecord(row);
  }

  async start(id: string, at = new Date()): Promise<boolean> {
    return this.#start.run(milliseconds(at, "at"), id).changes > 0;
  }

  async finish(id: string, status: TurnOutcome, reason?: string, at = new Date()): Promise<boolean> {
    return this.#finish.run(status, reason ?? null, milliseconds(at, "at"), id).changes > 0;
  }

  async countQueued(sessionId: string): Promise<number> {
    return this.#countQueued.get(sessionId)!;
  }

  async cancelQueued(sessionId: string, reason: string, at = new Date()): Promise<number> {
    return this.#cancelQueued.run(reason, milliseconds(at, "at"), sessionId).changes;
  }

  async listByStatus(statuses: readonly TurnStatus[]): Promise<SessionTurnRecord[]> {
    if (statuses.length === 0) return [];
    return this.#listByStatus.all(JSON.stringify(statuses)).map(toRecord);
  }

  async listBySession(sessionId: string): Promise<SessionTurnRecord[]> {
    return this.#listBySession.all(sessionId).map(toRecord);
  }
}

function toRecord(row: SessionTurnRow): SessionTurnRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    prompt: row.prompt,
    model: row.model,
    status: row.status,
    reason: row.reason,
    createdAt: new Date(row.created_at),
    startedAt: row.started_at === null ? null : new Date(row.started_at),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at),
  };
}
