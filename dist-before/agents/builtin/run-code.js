import { randomBytes } from "node:crypto";
import { HangarError } from "../../core/errors.js";
import { runProgram } from "../../runs/run-executor.js";
import { transpileTypeScript } from "../../runs/typescript-transpiler.js";
import { collect } from "../../sandbox/sandbox-file-commands.js";
const scratchCommandTimeoutMs = 30_000;
/** Throws UNKNOWN_LANGUAGE (listing what is available) for a language the registry lacks. */
export function createRunCode(options) {
    return (sandbox) => async (request, signal) => {
        const language = options.languages.resolve(request.language);
        let code = request.code;
        if (language.isTypeScript) {
            const transpiled = await transpileTypeScript(code, "module");
            if (transpiled.diagnostics) {
                return {
                    status: "compile_error",
                    stdout: "",
                    stderr: transpiled.diagnostics,
                    exitCode: null,
                    durationMs: 0,
                    explanation: "Compilation failed.",
                };
            }
            code = transpiled.javascript;
        }
        const directory = `/tmp/hangar-run-${randomBytes(6).toString("hex")}`;
        try {
            await writeScratchFile(sandbox, directory, language.fileName, code);
            const outcome = await runProgram(sandbox, language, { args: [], stdin: request.stdin ?? "", cwd: directory }, {
                timeoutMs: request.timeoutMs,
                maxOutputBytes: options.maxOutputBytes,
                // CPU time backs up the wall clock, as for `/run`.
                cpuTimeSeconds: Math.ceil(request.timeoutMs / 1000) + 1,
                compileTimeoutMs: options.compileTimeoutMs,
            }, { signal });
            return {
                status: outcome.status,
                stdout: outcome.stdout,
                stderr: outcome.stderr,
                exitCode: outcome.exitCode,
                durationMs: Math.round(outcome.durationMs),
                ...(outcome.explanation === undefined ? {} : { explanation: outcome.explanation }),
            };
        }
        finally {
            // Not tied to the signal: a cancelled run must still leave no scratch files behind.
            await runScratchCommand(sandbox, ["/bin/rm", "-rf", "--", directory]).catch(() => undefined);
        }
    };
}
/** Writes the code from inside the sandbox: the port's writeFile only reaches the workspace. */
async function writeScratchFile(sandbox, directory, fileName, code) {
    const failure = await runScratchCommand(sandbox, ["/bin/sh", "-c", 'umask 077 && mkdir -p -- "$1" && cat > "$1/$2"', "sh", directory, fileName], code);
    if (failure !== undefined) {
        throw new HangarError("SANDBOX_ERROR", `cannot write the code to ${directory}/${fileName}: ${failure}`);
    }
}
/** Runs a helper command; resolves with what went wrong, or undefined when it succeeded. */
async function runScratchCommand(sandbox, argv, stdin = "") {
    const process = await sandbox.spawn({ argv }, { timeoutMs: scratchCommandTimeoutMs, maxOutputBytes: 65_536 });
    process.stdin.on("error", () => undefined);
    process.stdin.end(stdin);
    const [exit, , stderr] = await Promise.all([
        process.exited,
        collect(process.stdout),
        collect(process.stderr),
    ]);
    if (exit.reason === "exited" && exit.exitCode === 0)
        return undefined;
    const why = Buffer.from(stderr).toString("utf8").trim();
    return why === "" ? `${exit.reason} (exit ${exit.exitCode ?? "none"})` : why;
}
//# sourceMappingURL=run-code.js.map