import { errorMessage, HangarError } from "../core/errors.js";
import { KeyedLock } from "./keyed-lock.js";
import { decodeCursor, encodeCursor } from "./list-cursor.js";
import { SandboxFiles } from "./sandbox-files.js";
import { chooseImage, quotaError, sandboxKey, validateIdentifier, validateLimit, } from "./sandbox-types.js";
/** The lock key of quota checks; sandboxKey's keys all contain a NUL, so they never collide with it. */
const quotaLockKey = "quota";
/**
 * Long-lived sandboxes that belong to an owner and a (user, project) pair and
 * keep their workspace until removed or idle for too long. The store is the
 * source of truth for what exists; the provider holds the sandboxes themselves.
 */
export class SandboxService {
    #files;
    #options;
    #lock = new KeyedLock();
    #now;
    /** Creations under way, counted against the quotas before they reach the store. */
    #pendingByOwner = new Map();
    #pendingTotal = 0;
    #reaper;
    #reaping;
    constructor(options) {
        this.#options = options;
        this.#now = options.now ?? (() => new Date());
        this.#files = new SandboxFiles({
            resolve: (owner, id) => this.#resolve(owner, id),
            touch: (id) => options.records.touch(id, this.#now()),
            maxFileBytes: options.maxFileBytes,
        });
    }
    get providerName() {
        return this.#options.provider.name;
    }
    get maxFileBytes() {
        return this.#options.maxFileBytes;
    }
    /** The live sandbox of (owner, user, project), created if there is none; one even under concurrent calls. */
    async ensure(owner, request) {
        const userId = validateIdentifier(request.userId, "user_id");
        const projectId = validateIdentifier(request.projectId, "project_id");
        const images = this.#options.images ?? this.#options.provider.images;
        const image = await chooseImage(images, request.image, this.providerName);
        const key = sandboxKey({ owner, userId, projectId, id: "" });
        return this.#lock.run(key, async () => {
            const existing = await this.#options.records.findLive(owner, userId, projectId);
            if (existing !== undefined) {
                if (await this.#findAlive(existing)) {
                    if (request.image !== undefined && existing.image !== image) {
                        throw new HangarError("CONFLICT", `sandbox ${existing.id} of this user and project runs image ${existing.image ?? "(none)"}, ` +
                            `not ${image}; remove it first to change the image`, { field: "image" });
                    }
                    await this.#options.records.touch(existing.id, this.#now());
                    return {
                        sandbox: this.#present((await this.#options.records.get(existing.id)) ?? existing),
                        created: false,
                    };
                }
                await this.#options.records.markGone(existing.id, "lost: the provider no longer has it");
            }
            return this.#create(owner, userId, projectId, image);
        });
    }
    async list(owner, request = {}) {
        const limit = validateLimit(request.limit);
        const after = request.cursor === undefined || request.cursor === "" ? undefined : decodeCursor(request.cursor);
        // One extra row says whether there is a next page without a second query.
        const rows = await this.#options.records.listByOwner(owner, limit + 1, after);
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        const sandboxes = page.map((record) => this.#present(record));
        return rows.length > limit && last !== undefined
            ? { sandboxes, nextCursor: encodeCursor({ createdAt: last.createdAt, id: last.id }) }
            : { sandboxes };
    }
    async count(owner) {
        const groups = await this.#options.records.countByOwner(owner);
        let total = 0;
        let live = 0;
        for (const group of groups) {
            total += group.count;
            if (group.status === "live")
                live += group.count;
        }
        return { total, live, groups };
    }
    /** Another owner's sandbox, or a removed one, answers exactly like a missing one. */
    async get(owner, id) {
        return this.#present(await this.#ownRecord(owner, id));
    }
    /** The live sandbox itself, for services that work inside it (agent sessions); counts as a use. */
    async open(owner, id) {
        const sandbox = await this.#resolve(owner, id);
        await this.#options.records.touch(id, this.#now());
        return sandbox;
    }
    async remove(owner, id) {
        const record = await this.#ownRecord(owner, id);
        await this.#lock.run(sandboxKey(record), async () => {
            // The reaper may have taken it while we waited for the lock.
            if ((await this.#options.records.get(id))?.status === "live")
                await this.#destroy(record);
            await this.#options.records.markRemoved(record.id, "removed by its owner");
        });
    }
    /** Files below `path` of the workspace (all of it when path is absent or empty). */
    listFiles(owner, id, path) {
        return this.#files.list(owner, id, path);
    }
    /** At most maxFileBytes, else PAYLOAD_TOO_LARGE; a missing file is NOT_FOUND. */
    readFile(owner, id, path) {
        return this.#files.read(owner, id, path);
    }
    writeFile(owner, id, path, content) {
        return this.#files.write(owner, id, path, content);
    }
    /** Removes every live sandbox unused for longer than the idle TTL; returns how many. */
    reapExpired() {
        this.#reaping ??= this.#reapOnce().finally(() => (this.#reaping = undefined));
        return this.#reaping;
    }
    /** Reaps expired sandboxes, then forgets every gone and removed record. */
    async prune() {
        const expired = await this.reapExpired();
        return { expired, forgotten: await this.#options.records.deleteInactive() };
    }
    startReaper() {
        if (this.#reaper !== undefined)
            return;
        this.#reaper = setInterval(() => {
            this.reapExpired().catch((error) => this.#options.onError?.(`sandbox reaper failed: ${errorMessage(error)}`));
        }, this.#options.reaperIntervalMs);
        // The reaper must never be what keeps the process alive.
        this.#reaper.unref();
    }
    /** Stops the reaper; sandboxes stay (they outlive the server when the provider allows). */
    async stop() {
        clearInterval(this.#reaper);
        this.#reaper = undefined;
        await this.#reaping?.catch(() => undefined);
    }
    async #reapOnce() {
        const { idleTtlMs, records } = this.#options;
        const cutoff = new Date(this.#now().getTime() - idleTtlMs);
        let reaped = 0;
        for (const candidate of await records.listIdleSince(cutoff)) {
            await this.#lock.run(sandboxKey(candidate), async () => {
                // Used, removed or reaped since the query: look again under the lock.
                const record = await records.get(candidate.id);
                if (record?.status !== "live" || record.lastUsedAt >= cutoff)
                    return;
                await this.#destroy(record);
                await records.markGone(record.id, `expired: unused for more than ${Math.round(idleTtlMs / 1000)} s`);
                reaped += 1;
            });
        }
        return reaped;
    }
    async #create(owner, userId, projectId, image) {
        const { provider, records, limits } = this.#options;
        const release = await this.#reserveQuota(owner);
        try {
            const labels = {
                "hangar.managed": "true",
                "hangar.user": userId,
                "hangar.project": projectId,
                // Listed with the sandbox; the provider itself takes the image from the spec.
                ...(image === undefined ? {} : { "hangar.image": image }),
            };
            // Durable: a restart of Hangar must not lose a user's sandbox or its files.
            const sandbox = await provider.create({
                owner,
                limits,
                labels,
                durable: true,
                ...(image === undefined ? {} : { image }),
            });
            const now = this.#now();
            const record = {
                id: sandbox.id,
                provider: provider.name,
                owner,
                status: "live",
                labels,
                createdAt: now,
                lastUsedAt: now,
                userId,
                projectId,
                ...(image === undefined ? {} : { image }),
            };
            // Inserted and released under the quota lock, so a count never sees this sandbox twice
            // (its record and its reservation) or not at all.
            const isInserted = await this.#lock.run(quotaLockKey, async () => {
                try {
                    return await records.insertIfFree(record);
                }
                finally {
                    release();
                }
            });
            if (isInserted)
                return { sandbox: this.#present(record), created: true };
            // Another process sharing the database won the race: keep its sandbox, drop ours.
            await sandbox.destroy().catch(() => undefined);
            const winner = await records.findLive(owner, userId, projectId);
            if (winner === undefined)
                throw new HangarError("CONFLICT", "the sandbox changed meanwhile; try again");
            return { sandbox: this.#present(winner), created: false };
        }
        finally {
            release();
        }
    }
    /**
     * Counts a creation against the quotas until its record is in the store; returns
     * the release (safe to call twice). Reading the counts awaits the store, so checks,
     * reservations and the inserts that end them take turns under one lock: concurrent
     * creations (for other users or projects) cannot both see room for one.
     */
    async #reserveQuota(owner) {
        const { records, maxPerOwner, maxTotal } = this.#options;
        await this.#lock.run(quotaLockKey, async () => {
            const [liveOfOwner, liveTotal] = await Promise.all([records.countLive(owner), records.countLive()]);
            const pendingForOwner = this.#pendingByOwner.get(owner) ?? 0;
            if (liveOfOwner + pendingForOwner >= maxPerOwner) {
                throw quotaError(`owner ${owner} already has ${maxPerOwner} sandboxes`, "max_per_owner", maxPerOwner);
            }
            if (liveTotal + this.#pendingTotal >= maxTotal) {
                throw quotaError(`this server already runs ${maxTotal} sandboxes`, "max_total", maxTotal);
            }
            this.#pendingByOwner.set(owner, pendingForOwner + 1);
            this.#pendingTotal += 1;
        });
        let isReserved = true;
        return () => {
            if (!isReserved)
                return;
            isReserved = false;
            const pendingForOwner = (this.#pendingByOwner.get(owner) ?? 1) - 1;
            if (pendingForOwner === 0)
                this.#pendingByOwner.delete(owner);
            else
                this.#pendingByOwner.set(owner, pendingForOwner);
            this.#pendingTotal -= 1;
        };
    }
    async #ownRecord(owner, id) {
        const record = await this.#options.records.get(id);
        if (record === undefined || record.owner !== owner || record.status === "removed") {
            throw new HangarError("NOT_FOUND", `no sandbox '${id.slice(0, 64)}'`, { field: "id" });
        }
        return record;
    }
    /** The owner's live sandbox, ready for file operations; a vanished one is recorded as gone. */
    async #resolve(owner, id) {
        const record = await this.#ownRecord(owner, id);
        if (record.status !== "live") {
            throw new HangarError("SANDBOX_GONE", `sandbox ${id} is gone (${record.goneReason ?? "no reason"})`);
        }
        const sandbox = await this.#findAlive(record);
        if (sandbox !== undefined)
            return sandbox;
        await this.#options.records.markGone(id, "lost: the provider no longer has it");
        throw new HangarError("SANDBOX_GONE", `sandbox ${id} is gone: the provider no longer has it`);
    }
    async #findAlive(record) {
        const { provider } = this.#options;
        if (record.provider !== provider.name)
            return undefined;
        const sandbox = await provider.find(record.id);
        return sandbox !== undefined && (await sandbox.isAlive()) ? sandbox : undefined;
    }
    async #destroy(record) {
        if (record.provider !== this.#options.provider.name)
            return;
        const sandbox = await this.#options.provider.find(record.id);
        await sandbox?.destroy();
    }
    #present(record) {
        if (record.status !== "live")
            return record;
        return { ...record, expiresAt: new Date(record.lastUsedAt.getTime() + this.#options.idleTtlMs) };
    }
}
//# sourceMappingURL=sandbox-service.js.map