/**
 * The code execution port, shared by the HTTP routes and the CLI (`hangar
 * run`). The request, result and stream shapes are the wire protocol's
 * (`protocol/run-messages.ts`); field names keep Coderunner's API.
 */
import type { LanguageInfo, NotebookInfo, PendingRun, RunAccepted, RunEvent, RunList, RunRequest, RunResult } from "../protocol/run-messages.js";
export { runStatuses } from "../protocol/run-messages.js";
export type { LanguageInfo, NotebookInfo, PendingRun, RunAccepted, RunList, RunSummary, RunEvent, RunFile, RunRequest, RunResult, RunStatus, } from "../protocol/run-messages.js";
export interface RunServiceStats {
    running: number;
    queued: number;
    maxConcurrent: number;
    maxQueue: number;
    sessions: number;
    sandboxesActive: number;
    poolReady: number;
}
export interface ExecuteOptions {
    signal?: AbortSignal;
    /** Called for each streamed event, in order; `end` comes last. */
    onEvent?: (event: RunEvent) => void;
}
export interface SubmitOptions {
    /** Called with the result once an accepted run has ended and its result is stored. */
    onEnd?: (result: RunResult) => void;
}
export interface ListRunsRequest {
    limit: number;
    /** The `nextCursor` of the previous page. */
    cursor?: string | undefined;
}
/** The port the front ends use. Every call is scoped to an owner. */
export interface RunService {
    /** Validates, queues (or rejects with TOO_MANY_REQUESTS) and executes one run. */
    execute(owner: string, request: RunRequest, options?: ExecuteOptions): Promise<RunResult>;
    /**
     * Validates, admits to the queue (or rejects with TOO_MANY_REQUESTS) and stores one run, and
     * resolves then; the run goes on in the background and its result is kept for `getRun`.
     */
    submit(owner: string, request: RunRequest, options?: SubmitOptions): Promise<RunAccepted>;
    /** The owner's run, ended or not; NOT_FOUND for a missing, expired or other owner's run. */
    getRun(owner: string, runId: string): Promise<RunResult | PendingRun>;
    /** The owner's kept runs, newest first. */
    listRuns(owner: string, request: ListRunsRequest): Promise<RunList>;
    languages(): LanguageInfo[];
    listNotebooks(owner: string): NotebookInfo[];
    /** Resolves false when the owner has no such session. */
    deleteNotebook(owner: string, sessionId: string): Promise<boolean>;
    stats(): RunServiceStats;
}
