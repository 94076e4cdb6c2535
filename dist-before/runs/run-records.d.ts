import type { PendingRun, RunList } from "../protocol/run-messages.js";
import type { RunRepository } from "./run-repository.js";
import type { RunRequest, RunResult } from "./run-types.js";
export interface RunRecordsOptions {
    repository: RunRepository;
    /** How long a run (and its result) is kept after it was accepted. */
    retentionMs: number;
    now?: () => number;
    onError?: (message: string) => void;
}
export declare const maxRunsListed = 100;
/** Why an accepted run has no result; it is stored as its `error`. */
export declare const interruptedAtStart = "Hangar stopped before this run ended (a crash or a restart), so it did not finish; submit it again.";
/**
 * What the runs domain keeps of each run through the repository port: the
 * record of every run (an accepted run's answer with it), the states of
 * an asynchronous run (stored before it is answered 202), the owner's view of
 * them (another owner's run is "not found", so ids do not leak), and the
 * purge and crash recovery at start-up.
 */
export declare class RunRecords {
    #private;
    private readonly options;
    constructor(options: RunRecordsOptions);
    /** An asynchronous run, stored before it is answered: a failure here refuses the run. */
    accept(owner: string, request: RunRequest, language: string, runId: string, createdAt: Date): Promise<void>;
    /** A failure to record is logged, never the run's failure: the run itself went on. */
    markRunning(record: {
        owner: string;
        request: RunRequest;
        runId: string;
        createdAt: Date;
        language: string;
    }): Promise<void>;
    /**
     * Stores how a run ended: a new record for a synchronous run, the update of an accepted one.
     * Only an accepted run keeps its result: a synchronous caller already has it, and writing up to
     * max_output_bytes to SQLite (synchronous, on the event loop) for every run would cost every
     * caller (about 5 ms per 64 KiB of output on this machine).
     */
    finish(owner: string, request: RunRequest, result: RunResult, createdAt: Date, wasAccepted: boolean): Promise<void>;
    /** The owner's run: its answer, or where it stands. Missing, expired and foreign runs look alike. */
    get(owner: string, runId: string): Promise<RunResult | PendingRun>;
    /** The owner's runs still kept, newest first; `cursor` is the `nextCursor` of the previous page. */
    list(owner: string, limit: number, cursor: string | undefined): Promise<RunList>;
    /**
     * At start-up, before any run is accepted: the runs the previous process accepted and
     * never ended become `interrupted`, and runs past their retention go.
     */
    recover(): Promise<{
        interrupted: number;
        purged: number;
    }>;
    /** Deletes the runs past their retention; resolves with how many went. */
    purge(): Promise<number>;
}
/** The answer of a run that never ended. */
export declare function interruptedResult(identity: {
    id: string;
    language: string;
    sessionId: string | null;
}, reason?: string): RunResult;
