import type BetterSqlite3 from "better-sqlite3";
import { HangarError } from "../core/errors.js";
import type { SessionStatus } from "../events/session-events.js";
import type {
  AgentSessionRecord,
  AgentSessionRepository,
  ApprovalMode,
  ListAgentSessionsOptions,
  NewAgentSession,
  TokenTotals,
} from "../sessions/agent-session-repository.js";
import { milliseconds } from "./milliseconds.js";
import type { Database } from "./open-database.js";

interface AgentSessionRow {
  id: string;
  owner: string;
  project_id: string;
  user_id: string | null;
  model: string;
  approval: ApprovalMode;
  status: SessionStatus;
  status_reason: string | null;
  sandbox_id: string | null;
  agent: string;
  driver_state: string | null;
  credentials: string;
  input_tokens: number;
  output_tokens: number;
  created_at: number;
  updated_at: number;
}

interface TokenRow {
  input_tokens: number;
  output_tokens: number;
}

export class SqliteAgentSessionRepository implements AgentSessionRepository {
  readonly #insert: BetterSqlite3.Statement<[Record<string, unknown>], AgentSessionRow>;
  readonly #get: BetterSqlite3.Statement<[string], AgentSessionRow>;
  readonly #listByOwner: BetterSqlite3.Statement<[string, number], AgentSessionRow>;
  readonly #listByProject: BetterSqlite3.Statement<[string, string, number], AgentSessionRow>;
  readonly #listByStatus: BetterSqlite3.Statement<[string], AgentSessionRow>;
  readonly #countByStatus: BetterSqlite3.Statement<[], { status: SessionStatus; count: number }>;
  readonly #updateStatus: BetterSqlite3.Statement<[string, string | null, number, string]>;
  readonly #setSandbox: BetterSqlite3.Statement<[string | null, number, string]>;
  readonly #setModel: BetterSqlite3.Statement<[string, number, string]>;
  readonly #setApproval: BetterSqlite3.Statement<[string, number, string]>;
  readonly #saveDriverState: BetterSqlite3.Statement<[string, number, string]>;
  readonly #addUsage: BetterSqlite3.Statement<[number, number, number, string], TokenRow>;

  constructor(database: Database) {
    this.#insert = database.prepare(`INSERT INTO agent_sessions (id, owner, project_id, user_id, model,
        approval, status, status_reason, sandbox_id, agent, driver_state, credentials, input_tokens, output_tokens,
        created_at, updated_at)
      VALUES (@id, @owner, @projectId, @userId, @model, @approval, @status, NULL, @sandboxId, @agent, NULL,
        @credentials, 0, 0, @createdAt, @createdAt)
      RETURNING *`);
    this.#get = database.prepare("SELECT * FROM agent_sessions WHERE id = ?");
    this.#listByOwner = database.prepare(
      "SELECT * FROM agent_sessions WHERE owner = ? ORDER BY created_at DESC, id DESC LIMIT ?",
    );
    this.#listByProject = database.prepare(
      `SELECT * FROM agent_sessions WHERE owner = ? AND project_id = ?
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    // One JSON array parameter rather than a statement per number of statuses.
    this.#listByStatus = database.prepare(
      `SELECT * FROM agent_sessions WHERE status IN (SELECT value FROM json_each(?))
       ORDER BY created_at, id`,
    );
    this.#countByStatus = database.prepare(
      "SELECT status, count(*) AS count FROM agent_sessions GROUP BY status",
    );
    this.#updateStatus = database.prepare(
      "UPDATE agent_sessions SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
    );
    this.#setSandbox = database.prepare(
      "UPDATE agent_sessions SET sandbox_id = ?, updated_at = ? WHERE id = ?",
    );
    this.#setModel = database.prepare("UPDATE agent_sessions SET model = ?, updated_at = ? WHERE id = ?");
    this.#setApproval = database.prepare(
      "UPDATE agent_sessions SET approval = ?, updated_at = ? WHERE id = ?",
    );
    this.#saveDriverState = database.prepare(
      "UPDATE agent_sessions SET driver_state = ?, updated_at = ? WHERE id = ?",
    );
    // Adding in SQL keeps concurrent callers from losing each other's tokens.
    this.#addUsage = database.prepare(`UPDATE agent_sessions
      SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, updated_at = ?
      WHERE id = ? RETURNING input_tokens, output_tokens`);
  }

  async create(session: NewAgentSession): Promise<AgentSessionRecord> {
    const row = this.#insert.get({
      id: session.id,
      owner: session.owner,
      projectId: session.projectId,
      userId: session.userId ?? null,
      model: session.model,
      approval: session.approval,
      status: session.status ?? "pending",
      sandboxId: session.sandboxId ?? null,
      agent: session.agent ?? "builtin",
      credentials: JSON.stringify(session.credentials ?? []),
      createdAt: milliseconds(session.createdAt, "createdAt"),
    });
    return toRecord(row!);
  }

  async get(id: string): Promise<AgentSessionRecord | undefined> {
    const row = this.#get.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  async listByOwner(owner: string, options: ListAgentSessionsOptions): Promise<AgentSessionRecord[]> {
    const rows =
      options.projectId === undefined
        ? this.#listByOwner.all(owner, options.limit)
        : this.#listByProject.all(owner, options.projectId, options.limit);
    return rows.map(toRecord);
  }

  async listByStatus(statuses: readonly SessionStatus[]): Promise<AgentSessionRecord[]> {
    if (statuses.length === 0) return [];
    return this.#listByStatus.all(JSON.stringify(statuses)).map(toRecord);
  }

  async countByStatus(): Promise<Partial<Record<SessionStatus, number>>> {
    return Object.fromEntries(this.#countByStatus.all().map((row) => [row.status, row.count]));
  }

  async updateStatus(id: string, status: SessionStatus, reason?: string, at = new Date()): Promise<boolean> {
    return this.#updateStatus.run(status, reason ?? null, milliseconds(at, "at"), id).changes > 0;
  }

  async setSandbox(id: string, sandboxId: string | null, at = new Date()): Promise<boolean> {
    return this.#setSandbox.run(sandboxId, milliseconds(at, "at"), id).changes > 0;
  }

  async saveDriverState(id: string, state: unknown, at = new Date()): Promise<boolean> {
    return this.#saveDriverState.run(JSON.stringify(state ?? null), milliseconds(at, "at"), id).changes > 0;
  }

  async setModel(id: string, model: string, at = new Date()): Promise<boolean> {
    return this.#setModel.run(model, milliseconds(at, "at"), id).changes > 0;
  }

  async setApproval(id: string, approval: ApprovalMode, at = new Date()): Promise<boolean> {
    return this.#setApproval.run(approval, milliseconds(at, "at"), id).changes > 0;
  }

  async addUsage(
    id: string,
    inputTokens: number,
    outputTokens: number,
    at = new Date(),
  ): Promise<TokenTotals> {
    const row = this.#addUsage.get(inputTokens, outputTokens, milliseconds(at, "at"), id);
    if (row === undefined) {
      throw new HangarError("SESSION_NOT_FOUND", `Session ${id} does not exist.`, {
        details: { sessionId: id },
      });
    }
    return { inputTokens: row.input_tokens, outputTokens: row.output_tokens };
  }
}

function toRecord(row: AgentSessionRow): AgentSessionRecord {
  return {
    id: row.id,
    owner: row.owner,
    projectId: row.project_id,
    userId: row.user_id,
    model: row.model,
    approval: row.approval,
    status: row.status,
    statusReason: row.status_reason,
    sandboxId: row.sandbox_id,
    agent: row.agent,
    driverState: row.driver_state === null ? null : (JSON.parse(row.driver_state) as unknown),
    credentials: JSON.parse(row.credentials) as string[],
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
