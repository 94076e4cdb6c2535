import type { LanguageInfo, PendingRun, RunAccepted, RunFile, RunList, RunResult } from "../../protocol/index.js";
import type { HttpTransport } from "../http-transport.js";
import { type RunStreamCallbacks } from "./run-stream.js";
/** The fields of `POST /run` besides `code`, in the API's own names. */
export interface RunOptions {
    /** A name or alias from `languages()`: `python`, `js`, `ts`, `bash`, `c++`… */
    language: string;
    /** Runs with the same id share one sandbox and, for python/javascript/typescript, one interpreter. */
    sessionId?: string;
    /** `"3.11"`, `"3"`, `"*"`: refused (400, field `version`) when this server has no match. */
    version?: string;
    timeoutMs?: number;
    stdin?: string;
    args?: string[];
    files?: RunFile[];
    /** A brand-new sandbox even with a sessionId. */
    fresh?: boolean;
    /** Aborts the request; the server stops a run whose caller hung up. */
    signal?: AbortSignal;
}
/** `runCode`'s options: with `onStdout`/`onStderr`/`onStart`/`onResult` the run is streamed. */
export type RunCodeOptions = RunOptions & RunStreamCallbacks;
export interface ListRunsOptions {
    /** 1-100, 20 by default. */
    limit?: number;
    /** The `nextCursor` of the previous page. */
    cursor?: string;
    signal?: AbortSignal;
}
export interface WaitOptions {
    /** Between polls; 250 ms by default. */
    intervalMs?: number;
    signal?: AbortSignal;
}
/** Runs code and answers with its result (streamed when a callback is given). */
export declare function runCode(transport: HttpTransport, code: string, options: RunCodeOptions): Promise<RunResult>;
/** Judge0-style asynchronous runs: submit, then poll; each owner sees only their own runs. */
export declare class RunsApi {
    #private;
    constructor(transport: HttpTransport);
    /** Queues the run (`wait: false`) and answers at once with its id. */
    submit(code: string, options: RunOptions): Promise<RunAccepted>;
    /** The result once the run ended, else `{status: "queued" | "running"}`; 404 for another owner's run. */
    get(runId: string, signal?: AbortSignal): Promise<RunResult | PendingRun>;
    /** Polls `get` until the run ended. */
    wait(runId: string, options?: WaitOptions): Promise<RunResult>;
    /** The caller's runs, newest first, a page at a time. */
    list(options?: ListRunsOptions): Promise<RunList>;
}
export declare function isPending(run: RunResult | PendingRun): run is PendingRun;
export declare function listLanguages(transport: HttpTransport, signal?: AbortSignal): Promise<LanguageInfo[]>;
