import type { NotebookInfo, RunResult } from "../../protocol/index.js";
import type { HttpTransport } from "../http-transport.js";
import { type RunCodeOptions } from "./runs-api.js";
/**
 * Notebook sessions: runs that share a `sessionId` share one sandbox and, for
 * python and javascript/typescript, one live interpreter, so variables and
 * imports persist. The server opens a session on its first run, so `create`
 * only chooses the id; `close` ends it and destroys its sandbox.
 */
export interface NotebookOptions {
    /** The language `run` uses when it is not told another; python by default. */
    language?: string;
    /** The session id; a fresh `nb-<uuid>` by default. */
    id?: string;
}
export type NotebookRunOptions = Omit<RunCodeOptions, "language" | "sessionId"> & {
    language?: string;
};
export declare class Notebook {
    #private;
    readonly id: string;
    readonly language: string;
    constructor(transport: HttpTransport, options?: NotebookOptions);
    /** Runs a cell; `result` is the last expression's value. */
    run(code: string, options?: NotebookRunOptions): Promise<RunResult>;
    /** Ends the session and destroys its sandbox; true when there was one. */
    close(signal?: AbortSignal): Promise<boolean>;
}
export declare class NotebooksApi {
    #private;
    constructor(transport: HttpTransport);
    create(options?: NotebookOptions): Notebook;
    /** The caller's live sessions. */
    list(signal?: AbortSignal): Promise<NotebookInfo[]>;
    /** Ends a session by id; false when the caller has no such session. */
    delete(id: string, signal?: AbortSignal): Promise<boolean>;
}
