import { OutputCollector } from "../../../runs/run-output.js";
/** Output a command may produce before it is killed; the model sees a cut version anyway. */
export const commandOutputLimitBytes = 8 * 1024 * 1024;
/** The time limit of the helper commands behind file tools (find, grep). */
export const fileCommandTimeoutMs = 30_000;
export async function runSandboxCommand(sandbox, command, options) {
    const process = await sandbox.spawn(command, {
        timeoutMs: options.timeoutMs,
        maxOutputBytes: options.maxOutputBytes,
        ...(options.signal ? { signal: options.signal } : {}),
    });
    let combined = "";
    const collector = (stream) => new OutputCollector((text) => {
        combined += text;
        options.onOutput?.(stream, text);
    });
    const stdout = collector("stdout");
    const stderr = collector("stderr");
    // A command that never reads stdin closes the pipe early; that is not an error.
    process.stdin.on("error", () => undefined);
    process.stdin.end(options.stdin ?? "");
    const [exit] = await Promise.all([
        process.exited,
        stdout.attach(process.stdout),
        stderr.attach(process.stderr),
    ]);
    return { exit, stdout: stdout.value, stderr: stderr.value, combined };
}
/** Says why a command did not simply exit, in words the model can act on. */
export function describeStop(exit, timeoutMs) {
    switch (exit.reason) {
        case "exited":
            return undefined;
        case "timeout":
            return `timed out after ${formatSeconds(timeoutMs)}; every process it started was killed`;
        case "memory_limit":
            return "killed: the sandbox's memory limit was exceeded";
        case "pids_limit":
            return "killed: the sandbox's process limit was reached (too many processes or threads)";
        case "output_limit":
            return "killed: it printed more output than allowed; redirect output to a file and read parts of it";
        case "killed":
            return "cancelled: the turn was stopped and every process was killed";
        case "sandbox_error":
            return `the sandbox failed: ${exit.detail ?? "unknown error"}`;
    }
}
export function formatSeconds(milliseconds) {
    const seconds = milliseconds / 1000;
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
//# sourceMappingURL=sandbox-command.js.map