import type { LanguageInfo, RunResult } from "../../protocol/index.js";
import type { ReconnectOptions } from "../watch-session.js";
import { AgentApi } from "./agent-api.js";
import { NotebooksApi } from "./notebooks-api.js";
import { RunsApi, type RunCodeOptions } from "./runs-api.js";
import { SandboxesApi } from "./sandboxes-api.js";
export interface HangarOptions {
    /** The server: `http://127.0.0.1:8087`. */
    url: string;
    /** An API key (`server.api_keys`), sent as a bearer token; none (absent or empty) for a server without keys. */
    apiKey?: string | undefined;
    /** How an agent session's stream reconnects after a dropped connection. */
    reconnect?: ReconnectOptions;
    /** Another fetch (a proxy, tests); the global one by default. */
    fetch?: typeof fetch;
}
/**
 * Hangar's TypeScript SDK (`import { Hangar } from "hangar/client"`): code
 * runs, notebook sessions, asynchronous runs, managed sandboxes and their
 * files, and agent sessions, over one HTTP transport. Every failure is a
 * `HangarClientError` with the server's `status`, `code` and `field`.
 */
export declare class Hangar {
    #private;
    readonly runs: RunsApi;
    readonly notebooks: NotebooksApi;
    readonly sandboxes: SandboxesApi;
    readonly agent: AgentApi;
    constructor(options: HangarOptions);
    /**
     * Runs code and answers with its result. With `onStdout`, `onStderr`, `onResult`
     * or `onStart` the output arrives as it is printed (`/run` as an event stream).
     */
    runCode(code: string, options: RunCodeOptions): Promise<RunResult>;
    /** The languages this server runs, with their versions. */
    languages(signal?: AbortSignal): Promise<LanguageInfo[]>;
}
