import { createHash } from "node:crypto";
import { HangarError, errorMessage } from "../core/errors.js";
import { decodeRunCursor, encodeRunCursor } from "./run-cursor.js";
export const maxRunsListed = 100;
/** Why an accepted run has no result; it is stored as its `error`. */
export const interruptedAtStart = "Hangar stopped before this run ended (a crash or a restart), so it did not finish; submit it again.";
/**
 * What the runs domain keeps of each run through the repository port: the
 * record of every run (an accepted run's answer with it), the states of
 * an asynchronous run (stored before it is answered 202), the owner's view of
 * them (another owner's run is "not found", so ids do not leak), and the
 * purge and crash recovery at start-up.
 */
export class RunRecords {
    options;
    #repository;
    #now;
    constructor(options) {
        this.options = options;
        this.#repository = options.repository;
        this.#now = options.now ?? Date.now;
    }
    /** An asynchronous run, stored before it is answered: a failure here refuses the run. */
    async accept(owner, request, language, runId, createdAt) {
        await this.#repository.insert({
            ...describe(owner, request, runId, createdAt),
            language,
            status: "queued",
        });
    }
    /** A failure to record is logged, never the run's failure: the run itself went on. */
    async markRunning(record) {
        await this.#tryTo(`mark run ${record.runId} running`, () => this.#repository.update({
            ...describe(record.owner, record.request, record.runId, record.createdAt),
            language: record.language,
            status: "running",
        }));
    }
    /**
     * Stores how a run ended: a new record for a synchronous run, the update of an accepted one.
     * Only an accepted run keeps its result: a synchronous caller already has it, and writing up to
     * max_output_bytes to SQLite (synchronous, on the event loop) for every run would cost every
     * caller (about 5 ms per 64 KiB of output on this machine).
     */
    async finish(owner, request, result, createdAt, wasAccepted) {
        const record = {
            ...describe(owner, request, result.runId, createdAt),
            language: result.language,
            status: result.status,
            exitCode: result.exitCode,
            durationMs: result.durationMs,
            stdoutBytes: Buffer.byteLength(result.stdout),
            stderrBytes: Buffer.byteLength(result.stderr),
            sessionId: result.sessionId,
            ...(wasAccepted ? { result } : {}),
        };
        await this.#tryTo(`record run ${result.runId}`, () => wasAccepted ? this.#repository.update(record) : this.#repository.insert(record));
    }
    /** The owner's run: its answer, or where it stands. Missing, expired and foreign runs look alike. */
    async get(owner, runId) {
        const record = await this.#repository.get(runId);
        if (record === undefined || record.owner !== owner || record.createdAt.getTime() < this.#oldestKept()) {
            throw this.#notFound(runId);
        }
        if (record.status === "queued" || record.status === "running") {
            return {
                runId: record.id,
                status: record.status,
                language: record.language,
                sessionId: record.sessionId,
                createdAt: record.createdAt.toISOString(),
            };
        }
        if (record.result === undefined) {
            throw new HangarError("NOT_FOUND", `run '${runId}' ran synchronously, and only the results of runs submitted with "wait": false are kept`, { field: "runId" });
        }
        return record.result;
    }
    /** The owner's runs still kept, newest first; `cursor` is the `nextCursor` of the previous page. */
    async list(owner, limit, cursor) {
        if (!Number.isInteger(limit) || limit < 1 || limit > maxRunsListed) {
            throw new HangarError("VALIDATION_FAILED", `limit must be an integer from 1 to ${maxRunsListed}`, {
                field: "limit",
            });
        }
        const before = cursor === undefined ? undefined : decodeRunCursor(cursor);
        // One more than asked tells whether another page follows.
        const records = await this.#repository.listByOwner(owner, {
            limit: limit + 1,
            since: new Date(this.#oldestKept()),
            ...(before === undefined ? {} : { before }),
        });
        const page = records.slice(0, limit);
        const last = page.at(-1);
        return {
            runs: page.map(summarize),
            nextCursor: records.length > limit && last !== undefined ? encodeRunCursor(last) : null,
        };
    }
    /**
     * At start-up, before any run is accepted: the runs the previous process accepted and
     * never ended become `interrupted`, and runs past their retention go.
     */
    async recover() {
        const unfinished = await this.#repository.listUnfinished();
        for (const record of unfinished) {
            await this.#repository.update({ ...record, status: "interrupted", result: interruptedResult(record) });
        }
        return { interrupted: unfinished.length, purged: await this.purge() };
    }
    /** Deletes the runs past their retention; resolves with how many went. */
    purge() {
        return this.#repository.deleteCreatedBefore(new Date(this.#oldestKept()));
    }
    #oldestKept() {
        return this.#now() - this.options.retentionMs;
    }
    #notFound(runId) {
        const hours = Math.round((this.options.retentionMs / 3_600_000) * 100) / 100;
        return new HangarError("NOT_FOUND", `no run '${runId}' (runs are kept for ${hours} hours after they were accepted)`, { field: "runId" });
    }
    async #tryTo(what, action) {
        try {
            await action();
        }
        catch (error) {
            this.options.onError?.(`cannot ${what}: ${errorMessage(error)}`);
        }
    }
}
/** The record's fixed part: who ran what (sizes and a digest, never the code). */
function describe(owner, request, runId, createdAt) {
    return {
        id: runId,
        owner,
        exitCode: null,
        durationMs: 0,
        stdinBytes: Buffer.byteLength(request.stdin ?? ""),
        codeBytes: Buffer.byteLength(request.code),
        stdoutBytes: 0,
        stderrBytes: 0,
        codeSha256: createHash("sha256").update(request.code).digest("hex"),
        sessionId: request.sessionId ?? null,
        createdAt,
    };
}
/** The answer of a run that never ended. */
export function interruptedResult(identity, reason = interruptedAtStart) {
    return {
        output: "",
        error: reason,
        stdout: "",
        stderr: "",
        exitCode: null,
        signal: null,
        status: "interrupted",
        durationMs: 0,
        truncated: false,
        language: identity.language,
        sessionId: identity.sessionId,
        runId: identity.id,
    };
}
function summarize(record) {
    return {
        runId: record.id,
        status: record.status,
        language: record.language,
        sessionId: record.sessionId,
        exitCode: record.exitCode,
        durationMs: record.durationMs,
        createdAt: record.createdAt.toISOString(),
    };
}
//# sourceMappingURL=run-records.js.map