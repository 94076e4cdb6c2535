import type { ExitInfo, Sandbox } from "../sandbox/sandbox-port.js";
import type { MimeBundle } from "../protocol/run-messages.js";
import { type KernelClient } from "./kernel-client.js";
import type { AvailableLanguage } from "./languages.js";
import type { RunStatus } from "./run-types.js";
/**
 * Runs code in a sandbox that is already set up, and turns what happened
 * into a status: compile, then run, each inside the sandbox's limits; or one
 * request to a session's kernel.
 */
export interface ExecutionLimits {
    timeoutMs: number;
    maxOutputBytes: number;
    cpuTimeSeconds?: number;
    compileTimeoutMs: number;
}
export interface ExecutionHandlers {
    onStdout?: (text: string) => void;
    onStderr?: (text: string) => void;
    /** A notebook run's rich result, as it arrives. */
    onResult?: (bundle: MimeBundle) => void;
    signal?: AbortSignal;
}
export interface ExecutionOutcome {
    status: RunStatus;
    stdout: string;
    stderr: string;
    exitCode: number | null;
    signal: string | null;
    durationMs: number;
    truncated: boolean;
    /** Why the run did not end normally, in words; appended to `error`. */
    explanation?: string;
    result?: string;
    /** A notebook run's rich results (display, figures, the last expression). */
    results?: MimeBundle[];
    resultsDropped?: number;
    /** A notebook run that timed out: whether the interrupt stopped it with the kernel's state kept. */
    stateKept?: boolean;
    /** A notebook's output printed between runs by what earlier runs left going; never this run's own. */
    background?: {
        stdout: string;
        stderr: string;
    };
}
export declare function runProgram(sandbox: Sandbox, language: AvailableLanguage, 
/** `cwd`: where the code file is and the program runs; default the workspace. */
input: {
    args: string[];
    stdin: string;
    cwd?: string;
}, limits: ExecutionLimits, handlers: ExecutionHandlers): Promise<ExecutionOutcome>;
export declare function describeExit(exit: ExitInfo, stdout: string, stderr: string, timeoutMs: number): ExecutionOutcome;
/**
 * How long a kernel has to stop after an interrupt before it is killed. Python's
 * subprocess waits 0.25 s for a child after Ctrl-C; a cell that ignores SIGINT or
 * holds the interpreter in C code takes the whole grace and loses its state.
 */
export declare const interruptGraceMs = 1000;
/**
 * One request to a session's kernel, with the run's time and output limits. At the
 * timeout the cell is interrupted (the session keeps its state); only a kernel that
 * does not stop within `interruptGraceMs` is killed.
 */
export declare function runInKernel(kernel: {
    client: KernelClient;
    kill(): void;
}, request: {
    code: string;
    stdin: string;
}, limits: Omit<ExecutionLimits, "compileTimeoutMs">, handlers: ExecutionHandlers): Promise<ExecutionOutcome>;
