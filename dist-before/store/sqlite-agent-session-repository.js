import { HangarError } from "../core/errors.js";
import { milliseconds } from "./milliseconds.js";
export class SqliteAgentSessionRepository {
    #insert;
    #get;
    #listByOwner;
    #listByProject;
    #listByStatus;
    #countByStatus;
    #updateStatus;
    #setSandbox;
    #setModel;
    #setApproval;
    #saveDriverState;
    #addUsage;
    constructor(database) {
        this.#insert = database.prepare(`INSERT INTO agent_sessions (id, owner, project_id, user_id, model,
        approval, status, status_reason, sandbox_id, agent, driver_state, input_tokens, output_tokens, created_at,
        updated_at)
      VALUES (@id, @owner, @projectId, @userId, @model, @approval, @status, NULL, @sandboxId, @agent, NULL,
        0, 0, @createdAt, @createdAt)
      RETURNING *`);
        this.#get = database.prepare("SELECT * FROM agent_sessions WHERE id = ?");
        this.#listByOwner = database.prepare("SELECT * FROM agent_sessions WHERE owner = ? ORDER BY created_at DESC, id DESC LIMIT ?");
        this.#listByProject = database.prepare(`SELECT * FROM agent_sessions WHERE owner = ? AND project_id = ?
       ORDER BY created_at DESC, id DESC LIMIT ?`);
        // One JSON array parameter rather than a statement per number of statuses.
        this.#listByStatus = database.prepare(`SELECT * FROM agent_sessions WHERE status IN (SELECT value FROM json_each(?))
       ORDER BY created_at, id`);
        this.#countByStatus = database.prepare("SELECT status, count(*) AS count FROM agent_sessions GROUP BY status");
        this.#updateStatus = database.prepare("UPDATE agent_sessions SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?");
        this.#setSandbox = database.prepare("UPDATE agent_sessions SET sandbox_id = ?, updated_at = ? WHERE id = ?");
        this.#setModel = database.prepare("UPDATE agent_sessions SET model = ?, updated_at = ? WHERE id = ?");
        this.#setApproval = database.prepare("UPDATE agent_sessions SET approval = ?, updated_at = ? WHERE id = ?");
        this.#saveDriverState = database.prepare("UPDATE agent_sessions SET driver_state = ?, updated_at = ? WHERE id = ?");
        // Adding in SQL keeps concurrent callers from losing each other's tokens.
        this.#addUsage = database.prepare(`UPDATE agent_sessions
      SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, updated_at = ?
      WHERE id = ? RETURNING input_tokens, output_tokens`);
    }
    async create(session) {
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
            createdAt: milliseconds(session.createdAt, "createdAt"),
        });
        return toRecord(row);
    }
    async get(id) {
        const row = this.#get.get(id);
        return row === undefined ? undefined : toRecord(row);
    }
    async listByOwner(owner, options) {
        const rows = options.projectId === undefined
            ? this.#listByOwner.all(owner, options.limit)
            : this.#listByProject.all(owner, options.projectId, options.limit);
        return rows.map(toRecord);
    }
    async listByStatus(statuses) {
        if (statuses.length === 0)
            return [];
        return this.#listByStatus.all(JSON.stringify(statuses)).map(toRecord);
    }
    async countByStatus() {
        return Object.fromEntries(this.#countByStatus.all().map((row) => [row.status, row.count]));
    }
    async updateStatus(id, status, reason, at = new Date()) {
        return this.#updateStatus.run(status, reason ?? null, milliseconds(at, "at"), id).changes > 0;
    }
    async setSandbox(id, sandboxId, at = new Date()) {
        return this.#setSandbox.run(sandboxId, milliseconds(at, "at"), id).changes > 0;
    }
    async saveDriverState(id, state, at = new Date()) {
        return this.#saveDriverState.run(JSON.stringify(state ?? null), milliseconds(at, "at"), id).changes > 0;
    }
    async setModel(id, model, at = new Date()) {
        return this.#setModel.run(model, milliseconds(at, "at"), id).changes > 0;
    }
    async setApproval(id, approval, at = new Date()) {
        return this.#setApproval.run(approval, milliseconds(at, "at"), id).changes > 0;
    }
    async addUsage(id, inputTokens, outputTokens, at = new Date()) {
        const row = this.#addUsage.get(inputTokens, outputTokens, milliseconds(at, "at"), id);
        if (row === undefined) {
            throw new HangarError("SESSION_NOT_FOUND", `Session ${id} does not exist.`, {
                details: { sessionId: id },
            });
        }
        return { inputTokens: row.input_tokens, outputTokens: row.output_tokens };
    }
}
function toRecord(row) {
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
        driverState: row.driver_state === null ? null : JSON.parse(row.driver_state),
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        createdAt: new Date(row.created_at),
        updatedAt: new Date(row.updated_at),
    };
}
//# sourceMappingURL=sqlite-agent-session-repository.js.map