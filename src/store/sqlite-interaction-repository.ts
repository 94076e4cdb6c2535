import type BetterSqlite3 from "better-sqlite3";
import type { InteractionKind, InteractionOutcome } from "../events/session-events.js";
import type {
  InteractionRecord,
  InteractionRepository,
  InteractionStatus,
  ListPendingInteractionsOptions,
  NewInteraction,
} from "../sessions/interaction-repository.js";
import { milliseconds } from "./milliseconds.js";
import type { Database } from "./open-database.js";

interface InteractionRow {
  id: string;
  session_id: string;
  turn_id: string;
  kind: InteractionKind;
  tool_call_id: string;
  request: string;
  status: InteractionStatus;
  outcome: InteractionOutcome | null;
  answer: string | null;
  created_at: number;
  expires_at: number;
  resolved_at: number | null;
}

export class SqliteInteractionRepository implements InteractionRepository {
  readonly #insert: BetterSqlite3.Statement<[Record<string, unknown>], InteractionRow>;
  readonly #get: BetterSqlite3.Statement<[string], InteractionRow>;
  readonly #findByToolCall: BetterSqlite3.Statement<[string, string], InteractionRow>;
  readonly #listPending: BetterSqlite3.Statement<[], InteractionRow>;
  readonly #listPendingOfSession: BetterSqlite3.Statement<[string], InteractionRow>;
  readonly #resolve: BetterSqlite3.Statement<[string, string | null, number, string]>;

  constructor(database: Database) {
    this.#insert = database.prepare(`INSERT INTO interactions (id, session_id, turn_id, kind, tool_call_id,
        request, status, created_at, expires_at)
      VALUES (@id, @sessionId, @turnId, @kind, @toolCallId, @request, 'pending', @createdAt, @expiresAt)
      RETURNING *`);
    this.#get = database.prepare("SELECT * FROM interactions WHERE id = ?");
    this.#findByToolCall = database.prepare(
      `SELECT * FROM interactions WHERE session_id = ? AND tool_call_id = ?
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    );
    this.#listPending = database.prepare(
      "SELECT * FROM interactions WHERE status = 'pending' ORDER BY created_at, id",
    );
    this.#listPendingOfSession = database.prepare(
      "SELECT * FROM interactions WHERE session_id = ? AND status = 'pending' ORDER BY created_at, id",
    );
    // The status condition is what makes resolve first-caller-wins.
    this.#resolve = database.prepare(`UPDATE interactions
      SET status = 'resolved', outcome = ?, answer = ?, resolved_at = ?
      WHERE id = ? AND status = 'pending'`);
  }

  async create(interaction: NewInteraction): Promise<InteractionRecord> {
    const row = this.#insert.get({
      id: interaction.id,
      sessionId: interaction.sessionId,
      turnId: interaction.turnId,
      kind: interaction.kind,
      toolCallId: interaction.toolCallId,
      request: JSON.stringify(interaction.request ?? null),
      createdAt: milliseconds(interaction.createdAt, "createdAt"),
      expiresAt: milliseconds(interaction.expiresAt, "expiresAt"),
    });
    return toRecord(row!);
  }

  async get(id: string): Promise<InteractionRecord | undefined> {
    const row = this.#get.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  async findByToolCall(sessionId: string, toolCallId: string): Promise<InteractionRecord | undefined> {
    const row = this.#findByToolCall.get(sessionId, toolCallId);
    return row === undefined ? undefined : toRecord(row);
  }

  async listPending(options: ListPendingInteractionsOptions = {}): Promise<InteractionRecord[]> {
    const rows =
      options.sessionId === undefined
        ? this.#listPending.all()
        : this.#listPendingOfSession.all(options.sessionId);
    return rows.map(toRecord);
  }

  async resolve(id: string, outcome: InteractionOutcome, answer?: string, at = new Date()): Promise<boolean> {
    return this.#resolve.run(outcome, answer ?? null, milliseconds(at, "at"), id).changes > 0;
  }
}

function toRecord(row: InteractionRow): InteractionRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    turnId: row.turn_id,
    kind: row.kind,
    toolCallId: row.tool_call_id,
    request: JSON.parse(row.request) as unknown,
    status: row.status,
    outcome: row.outcome,
    answer: row.answer,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
  };
}
