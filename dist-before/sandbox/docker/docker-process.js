import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { delay } from "../../core/abort.js";
import { errorMessage } from "../../core/errors.js";
import { launchFailedExitCode } from "../launch-script.js";
import { keeperHeader, TrailerScanner } from "./keeper-protocol.js";
import { classifyExit, signalFromExitCode } from "../exit-classification.js";
import { watchRefusedForks } from "../refused-fork-watch.js";
/** How long a killed command may take to be heard from before its stream is cut. */
const killGraceMs = 2000;
export class DockerProcess {
    connection;
    control;
    options;
    stdin = new PassThrough();
    stdout = new PassThrough();
    stderr = new PassThrough();
    exited;
    nonce = randomBytes(12).toString("hex");
    stdoutTrailer = new TrailerScanner(this.nonce);
    stderrTrailer = new TrailerScanner(this.nonce);
    stopReason;
    stdoutBytes = 0;
    stderrBytes = 0;
    finished = false;
    killing;
    wake = () => undefined;
    constructor(connection, control, script, options, before) {
        this.connection = connection;
        this.control = control;
        this.options = options;
        this.exited = this.supervise(script, before);
    }
    kill() {
        this.stop("killed");
    }
    stop(reason) {
        if (this.finished)
            return;
        this.stopReason ??= reason;
        this.killing ??= this.killUntilHeard();
        this.wake();
    }
    /**
     * Kills until the keeper reports or its stream ends. Once is not enough: a
     * stop that came before the keeper forked the command finds nothing to kill.
     * A keeper that cannot answer any more (its container gone) must not hold
     * `exited` for ever, so past a grace period its stream is cut.
     */
    async killUntilHeard() {
        const deadline = performance.now() + killGraceMs;
        for (;;) {
            await this.control.killCommand().catch((error) => {
                this.control.onError?.(`cannot kill a sandbox command: ${errorMessage(error)}`);
            });
            if (this.finished || this.hasTrailers || this.connection.hasEnded)
                return;
            if (performance.now() > deadline) {
                this.connection.close();
                return;
            }
            await delay(20);
        }
    }
    async supervise(script, before) {
        this.connection.route((chunk) => this.forward(this.stdoutTrailer.push(chunk), "stdout"), (chunk) => this.forward(this.stderrTrailer.push(chunk), "stderr"));
        const startedAt = performance.now();
        const timer = setTimeout(() => this.stop("timeout"), this.options.timeoutMs);
        const control = this.control;
        const stopWatching = control.hasCgroups
            ? watchRefusedForks({
                counters: () => control.counters(),
                before,
                ...(control.isCulprit ? { isCulprit: control.isCulprit } : {}),
                onLimit: () => this.stop("pids_limit"),
            })
            : () => undefined;
        const onAbort = () => this.stop("killed");
        this.options.signal?.addEventListener("abort", onAbort, { once: true });
        if (this.options.signal?.aborted)
            onAbort();
        const socket = this.connection.stream;
        socket.write(keeperHeader(script, this.nonce));
        this.stdin.pipe(socket);
        // Either both trailers arrive (the keeper reported), or the stream ends (keeper gone).
        while (!this.hasTrailers && !this.connection.hasEnded) {
            await Promise.race([this.connection.ended, new Promise((resolve) => (this.wake = resolve))]);
        }
        const durationMs = performance.now() - startedAt;
        const status = this.stderrTrailer.status;
        clearTimeout(timer);
        stopWatching();
        this.options.signal?.removeEventListener("abort", onAbort);
        await this.killing;
        // Whatever the command left running goes now: `exited` promises nothing of it remains.
        if (this.control.mode === "exec" || !this.hasTrailers) {
            await this.control.killCommand().catch((error) => {
                this.control.onError?.(`cannot kill what a sandbox command left: ${errorMessage(error)}`);
            });
        }
        if (!this.hasTrailers) {
            // No trailer is coming: what was held back in case it was one is output after all.
            this.forward(this.stdoutTrailer.flush(), "stdout");
            this.forward(this.stderrTrailer.flush(), "stderr");
        }
        this.finished = true;
        this.stdin.unpipe(socket);
        // Writes after the end are dropped, not errors: the command simply stopped reading.
        this.stdin.resume();
        this.connection.close();
        this.stdout.end();
        this.stderr.end();
        const after = await this.control.counters();
        await this.control.release().catch((error) => {
            this.control.onError?.(`cannot release a spawn: ${errorMessage(error)}`);
        });
        const hasStatus = status !== undefined && this.stopReason === undefined;
        const info = {
            reason: classifyExit(this.stopReason, before, after),
            exitCode: hasStatus ? status : null,
            signal: this.stopReason !== undefined ? "SIGKILL" : signalFromExitCode(status),
            durationMs,
            stdoutBytes: this.stdoutBytes,
            stderrBytes: this.stderrBytes,
        };
        if (this.stopReason === undefined && (status === undefined || status === launchFailedExitCode)) {
            info.reason = "sandbox_error";
            info.detail =
                status === undefined
                    ? "the sandbox ended before its command reported an exit (was the container stopped?)"
                    : "the sandbox could not be set up (launch script failed)";
        }
        return info;
    }
    get hasTrailers() {
        return this.stdoutTrailer.found !== undefined && this.stderrTrailer.found !== undefined;
    }
    /** Copies output until the combined limit; past it, the command is killed. */
    forward(chunk, name) {
        if (!this.finished && this.hasTrailers)
            this.wake();
        if (chunk.length === 0 || this.finished)
            return;
        const room = this.options.maxOutputBytes - this.stdoutBytes - this.stderrBytes;
        // Output that exactly filled the limit is fine; any byte after it is over, even in a later chunk.
        if (room <= 0) {
            this.stop("output_limit");
            return;
        }
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (name === "stdout")
            this.stdoutBytes += kept.length;
        else
            this.stderrBytes += kept.length;
        (name === "stdout" ? this.stdout : this.stderr).write(kept);
        if (chunk.length > room)
            this.stop("output_limit");
    }
}
//# sourceMappingURL=docker-process.js.map