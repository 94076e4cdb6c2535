import { milliseconds } from "./milliseconds.js";
export class SqliteSessionTurnRepository {
    #insert;
    #get;
    #nextQueued;
    #start;
    #finish;
    #countQueued;
    #cancelQueued;
    #listByStatus;
    #listBySession;
    constructor(database) {
        this.#insert =
            database.prepare(`INSERT INTO session_turns (id, session_id, prompt, model, status, created_at)
      VALUES (?, ?, ?, ?, 'queued', ?) RETURNING *`);
        this.#get = database.prepare("SELECT * FROM session_turns WHERE id = ?");
        // rowid follows insertion, so turns enqueued in the same millisecond keep their order.
        this.#nextQueued = database.prepare(`SELECT * FROM session_turns WHERE session_id = ? AND status = 'queued'
       ORDER BY created_at, rowid LIMIT 1`);
        this.#start = database.prepare("UPDATE session_turns SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'");
        this.#finish = database.prepare(`UPDATE session_turns SET status = ?, reason = ?, ended_at = ?
      WHERE id = ? AND status IN ('queued', 'running')`);
        this.#countQueued = database
            .prepare("SELECT count(*) FROM session_turns WHERE session_id = ? AND status = 'queued'")
            .pluck();
        this.#cancelQueued =
            database.prepare(`UPDATE session_turns SET status = 'cancelled', reason = ?, ended_at = ?
      WHERE session_id = ? AND status = 'queued'`);
        this.#listByStatus = database.prepare(`SELECT * FROM session_turns WHERE status IN (SELECT value FROM json_each(?))
       ORDER BY created_at, rowid`);
        this.#listBySession = database.prepare("SELECT * FROM session_turns WHERE session_id = ? ORDER BY created_at, rowid");
    }
    async enqueue(turn) {
        const row = this.#insert.get(turn.id, turn.sessionId, turn.prompt, turn.model ?? null, milliseconds(turn.createdAt, "createdAt"));
        return toRecord(row);
    }
    async get(id) {
        const row = this.#get.get(id);
        return row === undefined ? undefined : toRecord(row);
    }
    async nextQueued(sessionId) {
        const row = this.#nextQueued.get(sessionId);
        return row === undefined ? undefined : toRecord(row);
    }
    async start(id, at = new Date()) {
        return this.#start.run(milliseconds(at, "at"), id).changes > 0;
    }
    async finish(id, status, reason, at = new Date()) {
        return this.#finish.run(status, reason ?? null, milliseconds(at, "at"), id).changes > 0;
    }
    async countQueued(sessionId) {
        return this.#countQueued.get(sessionId);
    }
    async cancelQueued(sessionId, reason, at = new Date()) {
        return this.#cancelQueued.run(reason, milliseconds(at, "at"), sessionId).changes;
    }
    async listByStatus(statuses) {
        if (statuses.length === 0)
            return [];
        return this.#listByStatus.all(JSON.stringify(statuses)).map(toRecord);
    }
    async listBySession(sessionId) {
        return this.#listBySession.all(sessionId).map(toRecord);
    }
}
function toRecord(row) {
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
//# sourceMappingURL=sqlite-session-turn-repository.js.map