import { HangarError, errorMessage } from "../core/errors.js";
import { KernelExitedError } from "./kernel-client.js";
import { OutputCollector } from "./run-output.js";
export async function runProgram(sandbox, language, 
/** `cwd`: where the code file is and the program runs; default the workspace. */
input, limits, handlers) {
    const startedAt = performance.now();
    if (language.compile) {
        const compiled = await runOnce(sandbox, { argv: language.compile, ...(input.cwd === undefined ? {} : { cwd: input.cwd }) }, "", {
            ...limits,
            timeoutMs: limits.compileTimeoutMs,
        }, {});
        if (compiled.exit.reason !== "exited" || compiled.exit.exitCode !== 0) {
            const outcome = describeExit(compiled.exit, compiled.stdout, compiled.stderr, limits.compileTimeoutMs);
            const failedToCompile = compiled.exit.reason === "exited";
            return {
                ...outcome,
                status: failedToCompile ? "compile_error" : outcome.status,
                // The compiler's diagnostics are the error; the program never ran, so it printed nothing.
                stdout: "",
                stderr: `${compiled.stdout}${compiled.stderr}`,
                durationMs: performance.now() - startedAt,
                ...(failedToCompile ? { explanation: "Compilation failed." } : {}),
            };
        }
    }
    const ran = await runOnce(sandbox, { argv: [...language.run, ...input.args], ...(input.cwd === undefined ? {} : { cwd: input.cwd }) }, input.stdin, limits, handlers);
    const outcome = describeExit(ran.exit, ran.stdout, ran.stderr, limits.timeoutMs);
    if (outcome.status === "error" &&
        language.compileErrorPattern?.test(ran.stderr) === true &&
        ran.stdout === "") {
        outcome.status = "compile_error";
    }
    return { ...outcome, durationMs: performance.now() - startedAt };
}
async function runOnce(sandbox, command, stdin, limits, handlers) {
    const process = await sandbox.spawn(command, {
        timeoutMs: limits.timeoutMs,
        maxOutputBytes: limits.maxOutputBytes,
        ...(limits.cpuTimeSeconds === undefined ? {} : { cpuTimeSeconds: limits.cpuTimeSeconds }),
        ...(handlers.signal ? { signal: handlers.signal } : {}),
    });
    const stdout = new OutputCollector(handlers.onStdout);
    const stderr = new OutputCollector(handlers.onStderr);
    // A program that never reads stdin closes the pipe early; that is not our error.
    process.stdin.on("error", () => undefined);
    process.stdin.end(stdin);
    const [exit] = await Promise.all([
        process.exited,
        stdout.attach(process.stdout),
        stderr.attach(process.stderr),
    ]);
    return { exit, stdout: stdout.value, stderr: stderr.value };
}
export function describeExit(exit, stdout, stderr, timeoutMs) {
    const base = {
        stdout,
        stderr,
        exitCode: exit.exitCode,
        signal: exit.signal,
        durationMs: exit.durationMs,
        truncated: exit.reason === "output_limit",
    };
    switch (exit.reason) {
        case "exited":
            return { ...base, status: exit.exitCode === 0 ? "ok" : "error" };
        case "timeout":
            return { ...base, status: "timeout", explanation: `Execution timed out after ${timeoutMs} ms.` };
        case "memory_limit":
            return { ...base, status: "memory_limit", explanation: "The sandbox's memory limit was exceeded." };
        case "pids_limit":
            return {
                ...base,
                status: "pids_limit",
                explanation: "The sandbox's process limit was reached (too many processes or threads).",
            };
        case "output_limit":
            return { ...base, status: "output_limit", explanation: "Output limit exceeded; output was truncated." };
        case "killed":
            return { ...base, status: "error", explanation: "The run was cancelled." };
        case "sandbox_error":
            return { ...base, status: "sandbox_error", explanation: exit.detail ?? "The sandbox failed." };
    }
}
/**
 * How long a kernel has to stop after an interrupt before it is killed. Python's
 * subprocess waits 0.25 s for a child after Ctrl-C; a cell that ignores SIGINT or
 * holds the interpreter in C code takes the whole grace and loses its state.
 */
export const interruptGraceMs = 1000;
/**
 * One request to a session's kernel, with the run's time and output limits. At the
 * timeout the cell is interrupted (the session keeps its state); only a kernel that
 * does not stop within `interruptGraceMs` is killed.
 */
export async function runInKernel(kernel, request, limits, handlers) {
    const startedAt = performance.now();
    let stoppedBecause;
    const stop = (reason) => {
        stoppedBecause ??= reason;
        kernel.kill();
    };
    let outputBytes = 0;
    const count = (text, forward) => {
        if (stoppedBecause)
            return;
        outputBytes += Buffer.byteLength(text);
        if (outputBytes > limits.maxOutputBytes)
            stop("output_limit");
        else
            forward?.(text);
    };
    let wasInterrupted = false;
    let graceTimer;
    const timer = setTimeout(() => {
        if (stoppedBecause || !kernel.client.interrupt()) {
            stop("timeout");
            return;
        }
        wasInterrupted = true;
        graceTimer = setTimeout(() => stop("timeout"), interruptGraceMs);
    }, limits.timeoutMs);
    const onAbort = () => stop("killed");
    handlers.signal?.addEventListener("abort", onAbort, { once: true });
    try {
        const outcome = await kernel.client.execute(request, {
            onStdout: (text) => count(text, handlers.onStdout),
            onStderr: (text) => count(text, handlers.onStderr),
            onResult: (bundle) => handlers.onResult?.(bundle),
        });
        const traceback = outcome.error?.traceback ?? "";
        if (traceback)
            handlers.onStderr?.(traceback);
        return {
            ...(wasInterrupted
                ? {
                    status: "timeout",
                    stateKept: true,
                    explanation: `Execution timed out after ${limits.timeoutMs} ms; the cell was interrupted and the session's state was kept.`,
                }
                : { status: outcome.ok ? "ok" : "error" }),
            stdout: outcome.stdout,
            stderr: outcome.stderr + traceback,
            exitCode: outcome.exitCode,
            signal: null,
            durationMs: performance.now() - startedAt,
            truncated: false,
            ...(outcome.result === undefined ? {} : { result: outcome.result }),
            results: outcome.results,
            ...(outcome.resultsDropped > 0 ? { resultsDropped: outcome.resultsDropped } : {}),
            ...(outcome.background === undefined
                ? {}
                : {
                    background: {
                        stdout: truncate(outcome.background.stdout, limits),
                        stderr: truncate(outcome.background.stderr, limits),
                    },
                }),
        };
    }
    catch (error) {
        if (!(error instanceof KernelExitedError)) {
            throw new HangarError("SANDBOX_ERROR", `kernel failed: ${errorMessage(error)}`, { cause: error });
        }
        const exit = stoppedBecause ? { ...error.exit, reason: stoppedBecause } : error.exit;
        const outcome = describeExit(exit, truncate(error.stdout, limits), truncate(error.stderr, limits), limits.timeoutMs);
        if (outcome.status === "error" && exit.reason === "exited")
            outcome.status = "sandbox_error";
        if (stoppedBecause === "timeout") {
            outcome.stateKept = false;
            if (wasInterrupted)
                outcome.explanation = `${outcome.explanation ?? ""} The cell did not stop within ${interruptGraceMs} ms of an interrupt (it ignores SIGINT or is stuck outside the interpreter), so its kernel was killed.`;
        }
        return { ...outcome, durationMs: performance.now() - startedAt };
    }
    finally {
        clearTimeout(timer);
        clearTimeout(graceTimer);
        handlers.signal?.removeEventListener("abort", onAbort);
    }
}
function truncate(text, limits) {
    return Buffer.byteLength(text) <= limits.maxOutputBytes
        ? text
        : Buffer.from(text).subarray(0, limits.maxOutputBytes).toString();
}
//# sourceMappingURL=run-executor.js.map