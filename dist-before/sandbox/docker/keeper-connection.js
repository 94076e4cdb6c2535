import { deferred } from "../../core/abort.js";
import { HangarError } from "../../core/errors.js";
import { parseReady } from "./keeper-protocol.js";
/**
 * The hijacked, multiplexed stream of one keeper (a container attach or an
 * exec): demultiplexed with dockerode's `demuxStream`, the keeper's greeting
 * taken off the front of stdout, and the output routed to whoever runs the
 * command once it is known.
 */
export class KeeperConnection {
    stream;
    /** Resolves when the stream has ended, closed or failed: the keeper can no longer be heard. */
    ended;
    stdoutSink;
    stderrSink;
    pendingStdout = [];
    pendingStderr = [];
    greeting = Buffer.alloc(0);
    greeted = deferred();
    isEnded = false;
    constructor(docker, stream) {
        this.stream = stream;
        const ended = deferred();
        this.ended = ended.promise;
        const finish = () => {
            if (this.isEnded)
                return;
            this.isEnded = true;
            ended.resolve();
            this.greeted.reject(new HangarError("SANDBOX_ERROR", `the sandbox's keeper ended before it started${this.earlyErrors()}`));
        };
        void this.greeted.promise.catch(() => undefined);
        stream.on("end", finish);
        stream.on("close", finish);
        stream.on("error", finish);
        docker.modem.demuxStream(stream, { write: (chunk) => this.onStdout(chunk) }, { write: (chunk) => this.onStderr(chunk) });
    }
    /** The keeper's pid inside the container, once it greeted. */
    async ready(timeoutMs) {
        const timer = setTimeout(() => this.greeted.reject(new HangarError("SANDBOX_ERROR", `the sandbox's keeper did not start within ${timeoutMs} ms`)), timeoutMs);
        try {
            return await this.greeted.promise;
        }
        finally {
            clearTimeout(timer);
        }
    }
    /** From now on output goes to these sinks (with whatever arrived after the greeting first). */
    route(stdout, stderr) {
        this.stdoutSink = stdout;
        this.stderrSink = stderr;
        for (const chunk of this.pendingStdout.splice(0))
            stdout(chunk);
        for (const chunk of this.pendingStderr.splice(0))
            stderr(chunk);
    }
    get hasEnded() {
        return this.isEnded;
    }
    close() {
        this.stream.destroy();
    }
    onStdout(chunk) {
        if (this.greeting !== undefined) {
            this.greeting = Buffer.concat([this.greeting, chunk]);
            let parsed;
            try {
                parsed = parseReady(this.greeting);
            }
            catch (error) {
                this.greeted.reject(new HangarError("SANDBOX_ERROR", `${error.message}${this.earlyErrors()}`));
                this.greeting = undefined;
                return;
            }
            if (!parsed)
                return;
            this.greeting = undefined;
            this.greeted.resolve(parsed.pid);
            if (parsed.rest.length === 0)
                return;
            chunk = parsed.rest;
        }
        if (this.stdoutSink)
            this.stdoutSink(chunk);
        else
            this.pendingStdout.push(chunk);
    }
    onStderr(chunk) {
        if (this.stderrSink)
            this.stderrSink(chunk);
        else if (this.pendingStderr.length < 64)
            this.pendingStderr.push(chunk);
    }
    /** What the keeper said on stderr before it could start: usually why it could not. */
    earlyErrors() {
        const text = Buffer.concat(this.pendingStderr).toString("utf8").trim().slice(0, 500);
        return text === "" ? "" : `: ${text}`;
    }
}
//# sourceMappingURL=keeper-connection.js.map