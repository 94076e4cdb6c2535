import { milliseconds } from "./milliseconds.js";
/**
 * The seq is computed inside the insert: a write statement takes the write lock
 * before it reads, so two writers (even two processes) can never see the same
 * max(seq), and the primary key would refuse a duplicate anyway. Parameters:
 * session id, name, data, created_at, origin, session id.
 */
export const appendEventStatement = `INSERT INTO session_events (session_id, seq, name, data, created_at, origin)
  SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM session_events WHERE session_id = ?
  RETURNING seq`;
export class SqliteEventRepository {
    #append;
    #lastOrigin;
    #originCount;
    #list;
    #lastSeq;
    constructor(database) {
        this.#append = database
            .prepare(appendEventStatement)
            .pluck();
        // Newest first along the primary key: events without an origin (the session side's) are few.
        this.#lastOrigin = database
            .prepare("SELECT origin FROM session_events WHERE session_id = ? AND origin IS NOT NULL ORDER BY seq DESC LIMIT 1")
            .pluck();
        this.#originCount = database
            .prepare("SELECT count(*) FROM session_events WHERE session_id = ? AND origin = ?")
            .pluck();
        this.#list = database.prepare("SELECT * FROM session_events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?");
        this.#lastSeq = database
            .prepare("SELECT coalesce(max(seq), 0) FROM session_events WHERE session_id = ?")
            .pluck();
    }
    async append(sessionId, name, data, createdAt, origin) {
        const json = JSON.stringify(data);
        const time = milliseconds(createdAt, "createdAt");
        const seq = this.#append.get(sessionId, name, json, time, origin ?? null, sessionId);
        return {
            session_id: sessionId,
            seq,
            name,
            // Parsed back so live subscribers get exactly what a replay would give them.
            data: JSON.parse(json),
            created_at: new Date(time).toISOString(),
        };
    }
    async list(sessionId, afterSeq, limit) {
        return this.#list.all(sessionId, afterSeq, limit).map(toEvent);
    }
    async lastSeq(sessionId) {
        return this.#lastSeq.get(sessionId);
    }
    async lastOrigin(sessionId) {
        const origin = this.#lastOrigin.get(sessionId);
        if (origin === undefined)
            return undefined;
        return { origin, count: this.#originCount.get(sessionId, origin) };
    }
}
function toEvent(row) {
    // The row's name and data were stored together, from one member of the union.
    return {
        session_id: row.session_id,
        seq: row.seq,
        name: row.name,
        data: JSON.parse(row.data),
        created_at: new Date(row.created_at).toISOString(),
    };
}
//# sourceMappingURL=sqlite-event-repository.js.map