import type { Command, ExitInfo, Sandbox } from "../../../sandbox/sandbox-port.js";
/**
 * Runs one command in the sandbox and collects its output, both per stream
 * and interleaved in arrival order (what a terminal would have shown).
 */
export interface SandboxCommandOptions {
    timeoutMs: number;
    maxOutputBytes: number;
    signal?: AbortSignal;
    stdin?: string;
    onOutput?: (stream: "stdout" | "stderr", text: string) => void;
}
export interface SandboxCommandOutcome {
    exit: ExitInfo;
    stdout: string;
    stderr: string;
    combined: string;
}
/** Output a command may produce before it is killed; the model sees a cut version anyway. */
export declare const commandOutputLimitBytes: number;
/** The time limit of the helper commands behind file tools (find, grep). */
export declare const fileCommandTimeoutMs = 30000;
export declare function runSandboxCommand(sandbox: Sandbox, command: Command, options: SandboxCommandOptions): Promise<SandboxCommandOutcome>;
/** Says why a command did not simply exit, in words the model can act on. */
export declare function describeStop(exit: ExitInfo, timeoutMs: number): string | undefined;
export declare function formatSeconds(milliseconds: number): string;
