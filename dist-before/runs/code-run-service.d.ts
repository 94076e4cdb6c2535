import type { SandboxLimits, SandboxProvider } from "../sandbox/sandbox-port.js";
import type { LanguageRegistry } from "./languages.js";
import type { RunQueue } from "./run-queue.js";
import type { RunRepository } from "./run-repository.js";
import { type RunRequestLimits } from "./run-request-validation.js";
import type { Notebooks } from "./notebooks.js";
import type { ExecuteOptions, LanguageInfo, ListRunsRequest, PendingRun, RunAccepted, RunList, RunRequest, RunResult, RunService, RunServiceStats, NotebookInfo, SubmitOptions } from "./run-types.js";
export interface CodeRunServiceOptions {
    provider: SandboxProvider;
    providerStats: () => {
        active: number;
        poolReady: number;
    };
    languages: LanguageRegistry;
    notebooks: Notebooks;
    queue: RunQueue;
    runs?: RunRepository;
    /** How long runs (and their results) are kept after they were accepted; 24 hours by default. */
    resultRetentionMs?: number;
    limits: SandboxLimits;
    requestLimits: RunRequestLimits;
    defaultTimeoutMs: number;
    maxOutputBytes: number;
    compileTimeoutMs: number;
    /** Throws when the host's isolation probes failed and unsafe running was not allowed. */
    assertIsolation: () => void;
    onError?: (message: string) => void;
}
export declare class CodeRunService implements RunService {
    #private;
    private readonly options;
    constructor(options: CodeRunServiceOptions);
    execute(owner: string, request: RunRequest, executeOptions?: ExecuteOptions): Promise<RunResult>;
    /**
     * Accepts a run to execute in the background: checked and admitted to the queue (or
     * refused) and stored as queued before this resolves, so an accepted run is never lost.
     */
    submit(owner: string, request: RunRequest, submitOptions?: SubmitOptions): Promise<RunAccepted>;
    getRun(owner: string, runId: string): Promise<RunResult | PendingRun>;
    listRuns(owner: string, listRequest: ListRunsRequest): Promise<RunList>;
    /** Start-up, before runs are accepted: see RunRecords.recover. */
    recover(): Promise<{
        interrupted: number;
        purged: number;
    }>;
    /** Deletes the runs past their retention (called periodically by the composition root). */
    purgeExpired(): Promise<number>;
    /** Ends the accepted runs (recorded as interrupted) and waits until each is recorded. */
    stop(): Promise<void>;
    private prepare;
    private finishAccepted;
    /** Runs a prepared request that holds a queue slot; `release` frees the slot once the sandbox is done. */
    private runWithSlot;
    languages(): LanguageInfo[];
    listNotebooks(owner: string): NotebookInfo[];
    deleteNotebook(owner: string, sessionId: string): Promise<boolean>;
    stats(): RunServiceStats;
    private runOneShot;
    private runInNotebook;
    private runNotebookCell;
    /** The outcome, saying so when the run spent its notebook's CPU budget (the notebook then ends). */
    private checkCpuBudget;
    /** The code to run, or a compile_error outcome when TypeScript does not parse. */
    private prepareCode;
    private executionLimits;
}
