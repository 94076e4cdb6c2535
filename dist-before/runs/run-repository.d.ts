import type { RunResult, RunStatus } from "./run-types.js";
/** An asynchronous run is stored `queued` when accepted, `running` once it has a slot, then its end status. */
export type RunRecordStatus = RunStatus | "queued" | "running";
/**
 * What Hangar remembers about one code run. The code itself is deliberately
 * absent (it may carry secrets or personal data): only its size and sha256.
 * The result (the answer with its output) is kept for the retention time.
 */
export interface RunRecord {
    id: string;
    owner: string;
    language: string;
    status: RunRecordStatus;
    exitCode: number | null;
    durationMs: number;
    stdinBytes: number;
    codeBytes: number;
    stdoutBytes: number;
    stderrBytes: number;
    /** Lowercase hex sha256 of the code, 64 characters. */
    codeSha256: string;
    sessionId: string | null;
    /** When the run was accepted. */
    createdAt: Date;
    /** The answer; absent until the run ends (and for runs recorded before results were kept). */
    result?: RunResult | undefined;
}
/** Where the previous page ended; the id breaks ties between runs created in the same millisecond. */
export interface RunCursor {
    createdAt: Date;
    id: string;
}
export interface ListRunsOptions {
    /** 1 to `maxRunsPerPage`. */
    limit: number;
    /** Only runs strictly older than this time, or than this cursor (the last record of the previous page). */
    before?: Date | RunCursor;
    /** Only runs created at or after this time (older ones are past their retention). */
    since?: Date;
}
export declare const maxRunsPerPage = 1000;
/**
 * The store port for runs, owned by the runs domain: SQLite today (`src/store/`),
 * Postgres or a remote store later. Every method returns a Promise so such a store
 * fits without touching the service; the SQLite adapter resolves at once.
 */
export interface RunRepository {
    insert(record: RunRecord): Promise<void>;
    /** Replaces what changed as the run went on (status, sizes, result); the id, owner and code stay. */
    update(record: RunRecord): Promise<void>;
    get(id: string): Promise<RunRecord | undefined>;
    /** Runs stored as queued or running: after a restart, the ones the previous process never ended. */
    listUnfinished(): Promise<RunRecord[]>;
    /** Deletes the ended runs created before `time`; resolves with how many went. */
    deleteCreatedBefore(time: Date): Promise<number>;
    /** Newest first. */
    listByOwner(owner: string, options: ListRunsOptions): Promise<RunRecord[]>;
    /** Every known status is present, zero when no run has it, so metrics keep stable keys. */
    countByStatus(): Promise<Record<string, number>>;
}
