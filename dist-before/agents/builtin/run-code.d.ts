import type { LanguageRegistry } from "../../runs/languages.js";
import type { Sandbox } from "../../sandbox/sandbox-port.js";
import type { RunCodeRequest, RunCodeResult } from "./tools/agent-tool.js";
/**
 * `run_code` for the built-in agent: the `/run` engine's languages, run in
 * the project's own sandbox but in a scratch directory under /tmp, so a
 * `main.py` or compiled `main` never lands on (or clobbers) the project's
 * files. The directory is removed afterwards, whatever happened.
 */
export interface RunCodeOptions {
    languages: LanguageRegistry;
    maxOutputBytes: number;
    compileTimeoutMs: number;
}
export type RunCode = (request: RunCodeRequest, signal: AbortSignal) => Promise<RunCodeResult>;
/** Throws UNKNOWN_LANGUAGE (listing what is available) for a language the registry lacks. */
export declare function createRunCode(options: RunCodeOptions): (sandbox: Sandbox) => RunCode;
