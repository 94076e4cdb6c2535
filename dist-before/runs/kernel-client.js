import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { deferred } from "../core/abort.js";
import { HangarError } from "../core/errors.js";
import { encodeLine, isValidNonce, KernelStreamParser, newNonce, parseKernelMessage, } from "./kernel-protocol.js";
import { ResultCollector } from "./rich-results.js";
import { findSourceAsset } from "../core/source-assets.js";
/** The kernel scripts, in `kernelDirectory()`. */
export const kernelFiles = { python: "python-kernel.py", javascript: "javascript-kernel.cjs" };
/**
 * Where the kernel scripts live on the host: `<repo>/src/runs/kernels`, whether this
 * module runs from `src/runs/` (vitest) or compiled under `dist/` (tsc copies no .py/.cjs).
 */
export function kernelDirectory() {
    const script = findSourceAsset(import.meta.url, "src/runs", join("kernels", kernelFiles.python));
    return script === undefined ? join(dirname(fileURLToPath(import.meta.url)), "kernels") : dirname(script);
}
/** The kernel scripts' contents by file name, for images that carry them (Docker). */
export function readKernelScripts() {
    const directory = kernelDirectory();
    return Object.values(kernelFiles).map((name) => ({
        name,
        content: readFileSync(join(directory, name), "utf8"),
    }));
}
/** One hash over every kernel script: an image built with other kernels must be rebuilt. */
export function kernelScriptsHash(scripts = readKernelScripts()) {
    const hash = createHash("sha256");
    for (const script of [...scripts].sort((a, b) => a.name.localeCompare(b.name))) {
        hash.update(`${script.name}\0${script.content.length}\0${script.content}`);
    }
    return hash.digest("hex").slice(0, 16);
}
/** The kernel process ended before answering; `exit` says why, the partial output is kept. */
export class KernelExitedError extends HangarError {
    exit;
    stdout;
    stderr;
    constructor(exit, output) {
        const how = exit.signal ? `signal ${exit.signal}` : `exit code ${String(exit.exitCode)}`;
        super("SANDBOX_ERROR", `The kernel process ended (${exit.reason}, ${how}) before the run finished.`, {
            details: { reason: exit.reason, exitCode: exit.exitCode, signal: exit.signal },
        });
        this.exit = exit;
        this.stdout = output.stdout;
        this.stderr = output.stderr;
    }
}
/** Output that arrives while no request runs (a background process, a late timer). */
const idleOutputLimit = 1024 * 1024;
/**
 * Drives one kernel process (see kernel-protocol.ts for the wire format).
 *
 * Requests are serialised: `execute` while another request runs waits its turn. Output
 * that arrives between requests is kept (up to 1 MiB per stream) and handed to the next
 * request as its `background`, apart from its own output. Limits and timeouts belong to the caller, which kills the process; every
 * pending call then rejects with `KernelExitedError` (code SANDBOX_ERROR).
 */
export class KernelClient {
    #process;
    #nonce;
    #streams;
    #ready = deferred();
    #handshakeSent = false;
    #exit;
    #active;
    #queue = Promise.resolve();
    #requestCount = 0;
    #idle = { stdout: "", stderr: "" };
    constructor(process, options = {}) {
        const nonce = options.nonce ?? newNonce();
        if (!isValidNonce(nonce))
            throw new HangarError("INTERNAL", "A kernel nonce must be 22-128 base64url characters.");
        this.#process = process;
        this.#nonce = nonce;
        this.#streams = {
            stdout: { parser: new KernelStreamParser(nonce), decoder: new StringDecoder("utf8") },
            stderr: { parser: new KernelStreamParser(nonce), decoder: new StringDecoder("utf8") },
        };
        this.#ready.promise.catch(() => undefined); // observed by ready(); not an unhandled rejection
        process.stdout.on("data", (chunk) => this.#take("stdout", this.#streams.stdout.parser.push(chunk)));
        process.stderr.on("data", (chunk) => this.#take("stderr", this.#streams.stderr.parser.push(chunk)));
        // Writing to a dead kernel fails with EPIPE; `exited` reports the death.
        process.stdin.on("error", () => undefined);
        process.exited.then((exit) => this.#onExit(exit), (error) => this.#onExit({
            reason: "sandbox_error",
            exitCode: null,
            signal: null,
            durationMs: 0,
            stdoutBytes: 0,
            stderrBytes: 0,
            detail: String(error),
        }));
    }
    get alive() {
        return this.#exit === undefined;
    }
    /** Sends the handshake and waits until the kernel says it is ready (rejects if the process exits first). */
    ready() {
        if (!this.#handshakeSent && this.#exit === undefined) {
            this.#handshakeSent = true;
            this.#process.stdin.write(encodeLine({ type: "hello", nonce: this.#nonce }));
        }
        return this.#ready.promise;
    }
    /** Runs one request; waits for earlier ones. Resolves with the outcome, whatever the user code did. */
    execute(request, handlers = {}) {
        const run = this.#queue.then(() => this.#run(request, handlers));
        this.#queue = run.catch(() => undefined);
        return run;
    }
    /**
     * Asks the kernel to stop the running request as Ctrl-C would (KeyboardInterrupt in
     * Python, an interrupted evaluation in JavaScript); it then answers as usual, its
     * state kept. False when no request runs. A kernel that ignores it must be killed.
     */
    interrupt() {
        const active = this.#active;
        if (!active || this.#exit)
            return false;
        this.#process.stdin.write(encodeLine({ type: "interrupt", id: active.id }));
        return true;
    }
    /**
     * Queues an empty request whose whole output counts as background for the
     * next request. After a notebook is thawed, what was due while it was frozen
     * (a thread's sleep that ran out, a JavaScript timer) prints at once; the
     * kernel handles this round trip only after that, so it is set apart rather
     * than racing the next request's start. Never rejects.
     */
    collectBackground() {
        return this.execute({ code: "" }).then((outcome) => {
            const stdout = `${outcome.background?.stdout ?? ""}${outcome.stdout}`;
            const stderr = `${outcome.background?.stderr ?? ""}${outcome.stderr}`;
            this.#idle = {
                stdout: `${stdout}${this.#idle.stdout}`.slice(0, idleOutputLimit),
                stderr: `${stderr}${this.#idle.stderr}`.slice(0, idleOutputLimit),
            };
        }, () => undefined);
    }
    async #run(request, handlers) {
        await this.ready();
        if (this.#exit)
            throw new KernelExitedError(this.#exit, { stdout: "", stderr: "" });
        const active = {
            id: `r${++this.#requestCount}`,
            stdout: "",
            stderr: "",
            handlers,
            results: new ResultCollector(),
            stderrEnded: false,
            background: this.#idle,
            settled: deferred(),
        };
        this.#idle = { stdout: "", stderr: "" };
        this.#active = active;
        this.#process.stdin.write(encodeLine({ id: active.id, code: request.code, stdin: request.stdin ?? "" }));
        return active.settled.promise;
    }
    #take(stream, pieces) {
        const { decoder } = this.#streams[stream];
        for (const piece of pieces) {
            if (piece.type === "output") {
                this.#deliver(stream, decoder.write(piece.bytes));
                continue;
            }
            const message = parseKernelMessage(piece.payload);
            if (message)
                this.#onMessage(stream, message);
        }
    }
    #onMessage(stream, message) {
        const active = this.#active;
        switch (message.type) {
            case "ready":
                if (stream === "stdout")
                    this.#ready.resolve();
                return;
            case "end":
                if (stream !== "stderr" || active?.id !== message.id)
                    return;
                // A request's bytes never share a character with the next one's.
                this.#deliver("stderr", this.#streams.stderr.decoder.end());
                active.stderrEnded = true;
                break;
            case "display": {
                if (stream !== "stdout" || active?.id !== message.id || active.done)
                    return;
                const bundle = active.results.add(message.bundle, message.main);
                if (bundle === undefined)
                    return;
                try {
                    active.handlers.onResult?.(bundle);
                }
                catch (error) {
                    active.failure ??= error;
                }
                return;
            }
            case "done":
                if (stream !== "stdout" || active?.id !== message.id)
                    return;
                this.#deliver("stdout", this.#streams.stdout.decoder.end());
                active.done = message;
                break;
            case "protocol_error":
                if (stream !== "stdout" || !active)
                    return;
                active.failure ??= new HangarError("SANDBOX_ERROR", `The kernel rejected a request: ${message.message}`);
                active.done = { type: "done", id: active.id, ok: false, exitCode: 1 };
                active.stderrEnded = true;
                break;
        }
        if (active.done && active.stderrEnded)
            this.#finish(active);
    }
    #deliver(stream, text) {
        if (text === "")
            return;
        const active = this.#active;
        const closed = stream === "stdout" ? active?.done !== undefined : active?.stderrEnded;
        if (!active || closed) {
            this.#idle[stream] += text.slice(0, Math.max(0, idleOutputLimit - this.#idle[stream].length));
            return;
        }
        active[stream] += text;
        try {
            if (stream === "stdout")
                active.handlers.onStdout?.(text);
            else
                active.handlers.onStderr?.(text);
        }
        catch (error) {
            // The request still runs to its end so the streams stay in step; then it rejects.
            active.failure ??= error;
        }
    }
    #finish(active) {
        this.#active = undefined;
        const done = active.done;
        if (active.failure !== undefined || !done) {
            active.settled.reject(active.failure);
            return;
        }
        const outcome = {
            stdout: active.stdout,
            stderr: active.stderr,
            ok: done.ok,
            exitCode: done.exitCode,
            results: active.results.results,
            resultsDropped: active.results.dropped + (done.displaysDropped ?? 0),
        };
        if (done.result !== undefined)
            outcome.result = done.result;
        if (done.error !== undefined)
            outcome.error = done.error;
        if (active.background.stdout !== "" || active.background.stderr !== "")
            outcome.background = active.background;
        active.settled.resolve(outcome);
    }
    #onExit(exit) {
        this.#exit = exit;
        for (const stream of ["stdout", "stderr"]) {
            const { parser, decoder } = this.#streams[stream];
            this.#take(stream, parser.end());
            this.#deliver(stream, decoder.end());
        }
        const error = new KernelExitedError(exit, this.#idle);
        this.#ready.reject(error);
        const active = this.#active;
        if (!active)
            return;
        // The answer was complete on stdout; only the stderr marker was lost with the process.
        if (active.done && active.failure === undefined) {
            this.#finish(active);
            return;
        }
        this.#active = undefined;
        active.settled.reject(new KernelExitedError(exit, { stdout: active.stdout, stderr: active.stderr }));
    }
}
//# sourceMappingURL=kernel-client.js.map