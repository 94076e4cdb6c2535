import { milliseconds } from "./milliseconds.js";
const columns = `(id, provider, owner, status, labels, created_at, last_used_at, gone_reason,
    user_id, project_id, image)
  VALUES (@id, @provider, @owner, @status, @labels, @createdAt, @lastUsedAt, @goneReason,
    @userId, @projectId, @image)`;
/** Sandboxes in SQLite; the port is async, these methods do their work before returning a settled Promise. */
export class SqliteSandboxRepository {
    #upsert;
    #insert;
    #markGone;
    #markRemoved;
    #listLive;
    #listAllLive;
    #get;
    #findLive;
    #firstPage;
    #nextPage;
    #firstPageOfAll;
    #nextPageOfAll;
    #countByOwner;
    #countLive;
    #countLiveOfOwner;
    #listIdleSince;
    #touch;
    #deleteInactive;
    constructor(database) {
        this.#upsert = database.prepare(`INSERT INTO sandboxes ${columns}
      ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, owner = excluded.owner,
        status = excluded.status, labels = excluded.labels, last_used_at = excluded.last_used_at,
        gone_reason = excluded.gone_reason, user_id = excluded.user_id,
        project_id = excluded.project_id, image = excluded.image`);
        this.#insert = database.prepare(`INSERT INTO sandboxes ${columns}`);
        this.#markGone = database.prepare("UPDATE sandboxes SET status = 'gone', gone_reason = ? WHERE id = ? AND status = 'live'");
        this.#markRemoved = database.prepare(`UPDATE sandboxes SET status = 'removed', gone_reason = coalesce(gone_reason, ?)
       WHERE id = ? AND status != 'removed'`);
        this.#listLive = database.prepare("SELECT * FROM sandboxes WHERE provider = ? AND status = 'live' ORDER BY created_at, id");
        this.#listAllLive = database.prepare("SELECT * FROM sandboxes WHERE status = 'live' ORDER BY created_at, id");
        this.#get = database.prepare("SELECT * FROM sandboxes WHERE id = ?");
        this.#findLive = database.prepare(`SELECT * FROM sandboxes WHERE owner = ? AND user_id = ? AND project_id = ? AND status = 'live'`);
        this.#firstPage = database.prepare(`SELECT * FROM sandboxes WHERE owner = ? AND status != 'removed'
       ORDER BY created_at DESC, id DESC LIMIT ?`);
        this.#nextPage = database.prepare(`SELECT * FROM sandboxes WHERE owner = ? AND status != 'removed'
         AND (created_at < ? OR (created_at = ? AND id < ?))
       ORDER BY created_at DESC, id DESC LIMIT ?`);
        this.#firstPageOfAll = database.prepare("SELECT * FROM sandboxes WHERE status != 'removed' ORDER BY created_at DESC, id DESC LIMIT ?");
        this.#nextPageOfAll = database.prepare(`SELECT * FROM sandboxes WHERE status != 'removed'
         AND (created_at < ? OR (created_at = ? AND id < ?))
       ORDER BY created_at DESC, id DESC LIMIT ?`);
        this.#countByOwner = database.prepare(`SELECT provider, status, count(*) AS count FROM sandboxes
       WHERE owner = ? AND status != 'removed' GROUP BY provider, status ORDER BY provider, status`);
        this.#countLive = database
            .prepare("SELECT count(*) FROM sandboxes WHERE status = 'live'")
            .pluck();
        this.#countLiveOfOwner = database
            .prepare("SELECT count(*) FROM sandboxes WHERE owner = ? AND status = 'live'")
            .pluck();
        this.#listIdleSince = database.prepare("SELECT * FROM sandboxes WHERE status = 'live' AND last_used_at < ? ORDER BY last_used_at, id");
        this.#touch = database.prepare("UPDATE sandboxes SET last_used_at = max(last_used_at, ?) WHERE id = ? AND status = 'live'");
        this.#deleteInactive = database.prepare("DELETE FROM sandboxes WHERE status IN ('gone', 'removed')");
    }
    async upsert(record) {
        this.#upsert.run(toParameters(record));
    }
    async insertIfFree(record) {
        try {
            this.#insert.run(toParameters(record));
            return true;
        }
        catch (error) {
            // Only the (owner, user, project) index can be violated by a fresh id.
            if (error.code === "SQLITE_CONSTRAINT_UNIQUE")
                return false;
            throw error;
        }
    }
    async markGone(id, reason) {
        this.#markGone.run(reason, id);
    }
    async markRemoved(id, reason) {
        this.#markRemoved.run(reason, id);
    }
    async listLive(provider) {
        return this.#listLive.all(provider).map(toRecord);
    }
    async listAllLive() {
        return this.#listAllLive.all().map(toRecord);
    }
    async get(id) {
        const row = this.#get.get(id);
        return row === undefined ? undefined : toRecord(row);
    }
    async findLive(owner, userId, projectId) {
        const row = this.#findLive.get(owner, userId, projectId);
        return row === undefined ? undefined : toRecord(row);
    }
    async listByOwner(owner, limit, after) {
        if (after === undefined)
            return this.#firstPage.all(owner, limit).map(toRecord);
        const time = milliseconds(after.createdAt, "after.createdAt");
        return this.#nextPage.all(owner, time, time, after.id, limit).map(toRecord);
    }
    async listAll(limit, after) {
        if (after === undefined)
            return this.#firstPageOfAll.all(limit).map(toRecord);
        const time = milliseconds(after.createdAt, "after.createdAt");
        return this.#nextPageOfAll.all(time, time, after.id, limit).map(toRecord);
    }
    async countByOwner(owner) {
        return this.#countByOwner.all(owner);
    }
    async countLive(owner) {
        return owner === undefined ? this.#countLive.get() : this.#countLiveOfOwner.get(owner);
    }
    async listIdleSince(cutoff) {
        return this.#listIdleSince.all(milliseconds(cutoff, "cutoff")).map(toRecord);
    }
    async touch(id, at) {
        this.#touch.run(milliseconds(at, "at"), id);
    }
    async deleteInactive() {
        return this.#deleteInactive.run().changes;
    }
}
function toParameters(record) {
    return {
        id: record.id,
        provider: record.provider,
        owner: record.owner,
        status: record.status,
        labels: JSON.stringify(record.labels),
        createdAt: milliseconds(record.createdAt, "createdAt"),
        lastUsedAt: milliseconds(record.lastUsedAt, "lastUsedAt"),
        // A live sandbox has no reason to be gone, whatever the caller left in the record.
        goneReason: record.status === "live" ? null : (record.goneReason ?? null),
        userId: record.userId ?? null,
        projectId: record.projectId ?? null,
        image: record.image ?? null,
    };
}
function toRecord(row) {
    const record = {
        id: row.id,
        provider: row.provider,
        owner: row.owner,
        status: row.status,
        labels: JSON.parse(row.labels),
        createdAt: new Date(row.created_at),
        lastUsedAt: new Date(row.last_used_at),
    };
    if (row.gone_reason !== null)
        record.goneReason = row.gone_reason;
    if (row.user_id !== null)
        record.userId = row.user_id;
    if (row.project_id !== null)
        record.projectId = row.project_id;
    if (row.image !== null)
        record.image = row.image;
    return record;
}
//# sourceMappingURL=sqlite-sandbox-repository.js.map