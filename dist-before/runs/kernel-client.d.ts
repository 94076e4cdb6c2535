import { HangarError } from "../core/errors.js";
import type { MimeBundle } from "../protocol/run-messages.js";
import type { ExitInfo, SandboxProcess } from "../sandbox/sandbox-port.js";
import { type KernelErrorInfo } from "./kernel-protocol.js";
/** The kernel scripts, in `kernelDirectory()`. */
export declare const kernelFiles: {
    readonly python: "python-kernel.py";
    readonly javascript: "javascript-kernel.cjs";
};
/**
 * Where the kernel scripts live on the host: `<repo>/src/runs/kernels`, whether this
 * module runs from `src/runs/` (vitest) or compiled under `dist/` (tsc copies no .py/.cjs).
 */
export declare function kernelDirectory(): string;
/** The kernel scripts' contents by file name, for images that carry them (Docker). */
export declare function readKernelScripts(): {
    name: string;
    content: string;
}[];
/** One hash over every kernel script: an image built with other kernels must be rebuilt. */
export declare function kernelScriptsHash(scripts?: {
    name: string;
    content: string;
}[]): string;
export interface KernelOutcome {
    stdout: string;
    stderr: string;
    /** False on an exception or a non-zero exit. */
    ok: boolean;
    /** 0, 1 after an exception, or what sys.exit / process.exit asked for. */
    exitCode: number;
    result?: string;
    error?: KernelErrorInfo;
    /** Rich results in the order they came (see rich-results.ts for their bounds). */
    results: MimeBundle[];
    /** Display results left out for being past the run's bounds (by the kernel or here). */
    resultsDropped: number;
    /**
     * What the kernel printed while no request ran (a thread or timer an earlier
     * request left going), set apart so that it is never taken for this request's
     * output; absent when there was none.
     */
    background?: {
        stdout: string;
        stderr: string;
    };
}
export interface KernelExecuteRequest {
    code: string;
    stdin?: string;
}
export interface KernelOutputHandlers {
    onStdout?(text: string): void;
    onStderr?(text: string): void;
    /** Each rich result as it arrives and is kept. */
    onResult?(bundle: MimeBundle): void;
}
/** The kernel process ended before answering; `exit` says why, the partial output is kept. */
export declare class KernelExitedError extends HangarError {
    readonly exit: ExitInfo;
    readonly stdout: string;
    readonly stderr: string;
    constructor(exit: ExitInfo, output: {
        stdout: string;
        stderr: string;
    });
}
/**
 * Drives one kernel process (see kernel-protocol.ts for the wire format).
 *
 * Requests are serialised: `execute` while another request runs waits its turn. Output
 * that arrives between requests is kept (up to 1 MiB per stream) and handed to the next
 * request as its `background`, apart from its own output. Limits and timeouts belong to the caller, which kills the process; every
 * pending call then rejects with `KernelExitedError` (code SANDBOX_ERROR).
 */
export declare class KernelClient {
    #private;
    constructor(process: SandboxProcess, options?: {
        nonce?: string;
    });
    get alive(): boolean;
    /** Sends the handshake and waits until the kernel says it is ready (rejects if the process exits first). */
    ready(): Promise<void>;
    /** Runs one request; waits for earlier ones. Resolves with the outcome, whatever the user code did. */
    execute(request: KernelExecuteRequest, handlers?: KernelOutputHandlers): Promise<KernelOutcome>;
    /**
     * Asks the kernel to stop the running request as Ctrl-C would (KeyboardInterrupt in
     * Python, an interrupted evaluation in JavaScript); it then answers as usual, its
     * state kept. False when no request runs. A kernel that ignores it must be killed.
     */
    interrupt(): boolean;
    /**
     * Queues an empty request whose whole output counts as background for the
     * next request. After a notebook is thawed, what was due while it was frozen
     * (a thread's sleep that ran out, a JavaScript timer) prints at once; the
     * kernel handles this round trip only after that, so it is set apart rather
     * than racing the next request's start. Never rejects.
     */
    collectBackground(): Promise<void>;
}
