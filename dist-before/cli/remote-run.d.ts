import { type RunResult } from "../protocol/run-messages.js";
/** What `hangar run --server` sends: the request body of `POST /run`, as the wire has it. */
export interface RemoteRunRequest {
    code: string;
    language: string;
    sessionId?: string;
    stdin?: string;
    args?: string[];
    timeoutMs?: number;
}
export interface RemoteRunOptions {
    baseUrl: string;
    apiKey?: string;
    onStdout(data: string): void;
    onStderr(data: string): void;
    signal?: AbortSignal;
}
/**
 * `POST /run` on a running server with `Accept: text/event-stream`, so output is
 * printed while the program runs, as it is for a local run; resolves with the result.
 */
export declare function runOnServer(request: RemoteRunRequest, options: RemoteRunOptions): Promise<RunResult>;
