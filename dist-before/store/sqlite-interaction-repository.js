import { milliseconds } from "./milliseconds.js";
export class SqliteInteractionRepository {
    #insert;
    #get;
    #findByToolCall;
    #listPending;
    #listPendingOfSession;
    #resolve;
    constructor(database) {
        this.#insert = database.prepare(`INSERT INTO interactions (id, session_id, turn_id, kind, tool_call_id,
        request, status, created_at, expires_at)
      VALUES (@id, @sessionId, @turnId, @kind, @toolCallId, @request, 'pending', @createdAt, @expiresAt)
      RETURNING *`);
        this.#get = database.prepare("SELECT * FROM interactions WHERE id = ?");
        this.#findByToolCall = database.prepare(`SELECT * FROM interactions WHERE session_id = ? AND tool_call_id = ?
       ORDER BY created_at DESC, rowid DESC LIMIT 1`);
        this.#listPending = database.prepare("SELECT * FROM interactions WHERE status = 'pending' ORDER BY created_at, id");
        this.#listPendingOfSession = database.prepare("SELECT * FROM interactions WHERE session_id = ? AND status = 'pending' ORDER BY created_at, id");
        // The status condition is what makes resolve first-caller-wins.
        this.#resolve = database.prepare(`UPDATE interactions
      SET status = 'resolved', outcome = ?, answer = ?, resolved_at = ?
      WHERE id = ? AND status = 'pending'`);
    }
    async create(interaction) {
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
        return toRecord(row);
    }
    async get(id) {
        const row = this.#get.get(id);
        return row === undefined ? undefined : toRecord(row);
    }
    async findByToolCall(sessionId, toolCallId) {
        const row = this.#findByToolCall.get(sessionId, toolCallId);
        return row === undefined ? undefined : toRecord(row);
    }
    async listPending(options = {}) {
        const rows = options.sessionId === undefined
            ? this.#listPending.all()
            : this.#listPendingOfSession.all(options.sessionId);
        return rows.map(toRecord);
    }
    async resolve(id, outcome, answer, at = new Date()) {
        return this.#resolve.run(outcome, answer ?? null, milliseconds(at, "at"), id).changes > 0;
    }
}
function toRecord(row) {
    return {
        id: row.id,
        sessionId: row.session_id,
        turnId: row.turn_id,
        kind: row.kind,
        toolCallId: row.tool_call_id,
        request: JSON.parse(row.request),
        status: row.status,
        outcome: row.outcome,
        answer: row.answer,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
        resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
    };
}
//# sourceMappingURL=sqlite-interaction-repository.js.map