import { PassThrough } from "node:stream";
import { readFile } from "node:fs/promises";
import { deferred, delay } from "../../core/abort.js";
import { HangarError, errorMessage } from "../../core/errors.js";
import { launchFailedExitCode } from "../launch-script.js";
import { classifyExit, signalFromExitCode } from "../exit-classification.js";
import { holdsCulpritShare, treeTasks, watchRefusedForks } from "../refused-fork-watch.js";
import { launchWithNode } from "./child-launcher.js";
/**
 * One bubblewrap instance. It is started "parked": bubblewrap has created the
 * namespaces and reported the sandbox's pid, then blocks in set-up copying
 * the launch script from a pipe. We move it into the sandbox's cgroup, so
 * every process the command ever forks is inside the limits, and only then
 * write the script. Starting and parking ahead of time is what makes the warm
 * pool fast.
 */
export const infoFd = 3;
export const launchFd = 4;
export const seccompFd = 5;
/**
 * bubblewrap reads its options from this descriptor (`--args`), NUL-separated: its
 * argv, which the sandbox's pid 1 keeps and any process inside can read in
 * /proc/1/cmdline, is then `bwrap --args 6 -- <command>`, not every bind mount's
 * host path. The command itself must stay in argv: bubblewrap takes none from the descriptor.
 */
export const argumentsFd = 6;
export class ParkedInstance {
    child;
    sandboxPid;
    cgroup;
    startedAt;
    used = false;
    constructor(child, sandboxPid, cgroup, startedAt) {
        this.child = child;
        this.sandboxPid = sandboxPid;
        this.cgroup = cgroup;
        this.startedAt = startedAt;
    }
    /** Starts a parked instance; one retry covers a sandbox that died while it was being joined. */
    static async start(launch) {
        try {
            return await ParkedInstance.startOnce(launch);
        }
        catch (error) {
            if (!(error instanceof HangarError))
                throw error;
            return ParkedInstance.startOnce(launch);
        }
    }
    static async startOnce(launch) {
        const startedAt = performance.now();
        const commandStart = launch.argv.lastIndexOf("--");
        const options = launch.argv.slice(0, commandStart);
        const command = launch.argv.slice(commandStart);
        const launchChild = launch.launchChild ?? launchWithNode;
        const child = await launchChild({
            file: launch.bwrapPath,
            args: ["--args", String(argumentsFd), ...command],
            env: { PATH: "/usr/bin:/bin" },
            cwd: launch.directory,
            detached: launch.detached ?? false,
            ...(launch.uid === undefined ? {} : { uid: launch.uid, gid: launch.gid ?? launch.uid }),
            // stdin, stdout, stderr, the info descriptor, the launch script's.
            streams: launchFd + 1,
            data: [
                { fd: argumentsFd, content: Buffer.from(options.map((argument) => `${argument}\0`).join("")) },
                ...(launch.seccompFilter ? [{ fd: seccompFd, content: launch.seccompFilter }] : []),
            ],
        });
        // Errors surface through the exit handling; unhandled 'error' events would crash the server.
        for (const stream of child.stdio)
            stream?.on("error", () => undefined);
        const sandboxPid = await readSandboxPid(child);
        try {
            if (launch.cgroup && child.pid !== undefined) {
                await launch.cgroup.join([child.pid, sandboxPid]);
            }
        }
        catch (error) {
            killQuietly(sandboxPid);
            child.kill("SIGKILL");
            throw new HangarError("SANDBOX_ERROR", `cannot put the sandbox in its cgroup: ${errorMessage(error)}`);
        }
        return new ParkedInstance(child, sandboxPid, launch.cgroup, startedAt);
    }
    get isAlive() {
        return this.child.exitCode === null && this.child.signalCode === null;
    }
    /** Delivers the launch script (see `buildLaunchScript`) and lets the instance run it. */
    run(script, options) {
        if (this.used)
            throw new Error("a parked bubblewrap instance runs one command only");
        this.used = true;
        return new BwrapProcess(this.child, this.sandboxPid, this.cgroup, script, options);
    }
    /**
     * While bubblewrap waits for its launch script it has not yet armed its
     * parent-death signal, so killing the monitor alone would leave it waiting:
     * kill the sandbox pid too, and close the pipe so it would read EOF anyway.
     */
    discard() {
        this.used = true;
        killQuietly(this.sandboxPid);
        this.child.kill("SIGKILL");
        this.child.stdio[launchFd].destroy();
    }
}
function readSandboxPid(child) {
    const info = child.stdio[infoFd];
    const result = deferred();
    let settled = false;
    void result.promise.then(() => (settled = true), () => (settled = true));
    let text = "";
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
        if (stderr.length < 4096)
            stderr += chunk.toString();
    });
    info.on("data", (chunk) => {
        text += chunk.toString();
        const match = /"child-pid"\s*:\s*(\d+)/.exec(text);
        if (match) {
            // The pipe stays open: bubblewrap writes the rest of its JSON after the pid, and
            // closing our end now would kill it with SIGPIPE.
            result.resolve(Number(match[1]));
        }
    });
    // bubblewrap that dies in set-up reports why on stderr; wait for it to close to have it all.
    child.once("close", (code, signal) => {
        if (settled)
            return;
        const detail = stderr.trim() || `exit ${code ?? signal}`;
        result.reject(new HangarError("SANDBOX_ERROR", `bubblewrap failed to start: ${detail}`));
    });
    child.once("error", (error) => {
        result.reject(new HangarError("SANDBOX_ERROR", `cannot start bubblewrap: ${errorMessage(error)}`));
    });
    return result.promise;
}
class BwrapProcess {
    child;
    sandboxPid;
    cgroup;
    options;
    stdin;
    stdout = new PassThrough();
    stderr = new PassThrough();
    exited;
    stopReason;
    stdoutBytes = 0;
    stderrBytes = 0;
    finished = false;
    constructor(child, sandboxPid, cgroup, script, options) {
        this.child = child;
        this.sandboxPid = sandboxPid;
        this.cgroup = cgroup;
        this.options = options;
        this.stdin = child.stdin;
        this.exited = this.supervise(script);
    }
    kill() {
        this.stop("killed");
    }
    stop(reason) {
        if (this.finished)
            return;
        this.stopReason ??= reason;
        // Killing the sandbox's pid 1 tears down its pid namespace: every process in it dies,
        // however it double-forked, setsid'd or stopped itself.
        killQuietly(this.sandboxPid);
        this.child.kill("SIGKILL");
    }
    async supervise(script) {
        const before = await this.readCounters();
        const closed = new Promise((resolve) => {
            this.child.once("close", (code, signal) => resolve([code, signal]));
        });
        this.forward(this.child.stdout, this.stdout, "stdout");
        this.forward(this.child.stderr, this.stderr, "stderr");
        const startedAt = performance.now();
        const timer = setTimeout(() => this.stop("timeout"), this.options.timeoutMs);
        const cgroup = this.cgroup;
        // The sandbox's cgroup is shared by every command running in it: the one holding the tasks is the bomb.
        const stopWatching = cgroup
            ? watchRefusedForks({
                counters: () => cgroup.counters(),
                before,
                isCulprit: async () => holdsCulpritShare(await treeTasks(await cgroup.processes(), this.sandboxPid), await cgroup.taskLimit()),
                onLimit: () => this.stop("pids_limit"),
            })
            : () => undefined;
        const onAbort = () => this.stop("killed");
        this.options.signal?.addEventListener("abort", onAbort, { once: true });
        if (this.options.signal?.aborted)
            onAbort();
        this.child.stdio[launchFd].end(script);
        const [code, signal] = await closed;
        const durationMs = performance.now() - startedAt;
        await waitForNamespaceGone(this.sandboxPid);
        this.finished = true;
        clearTimeout(timer);
        stopWatching();
        this.options.signal?.removeEventListener("abort", onAbort);
        this.stdout.end();
        this.stderr.end();
        const after = await this.readCounters();
        const exitCode = this.stopReason === undefined ? code : null;
        const exitSignal = signal ?? signalFromExitCode(code);
        return {
            reason: classifyExit(this.stopReason, before, after),
            exitCode,
            signal: this.stopReason === undefined ? exitSignal : "SIGKILL",
            durationMs,
            stdoutBytes: this.stdoutBytes,
            stderrBytes: this.stderrBytes,
            ...(code === launchFailedExitCode && this.stopReason === undefined
                ? {
                    reason: "sandbox_error",
                    detail: "the sandbox could not be set up (launch script failed)",
                }
                : {}),
        };
    }
    /** Copies output until the combined limit; past it, the whole process tree is killed. */
    forward(source, target, name) {
        source.on("data", (chunk) => {
            const room = this.options.maxOutputBytes - this.stdoutBytes - this.stderrBytes;
            // Output that exactly filled the limit is fine; any byte after it is over, even in a later chunk.
            if (room <= 0) {
                if (chunk.length > 0)
                    this.stop("output_limit");
                return;
            }
            const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
            if (name === "stdout")
                this.stdoutBytes += kept.length;
            else
                this.stderrBytes += kept.length;
            target.write(kept);
            if (chunk.length > room)
                this.stop("output_limit");
        });
    }
    async readCounters() {
        return this.cgroup ? this.cgroup.counters() : { oomKills: 0, pidsRefused: 0 };
    }
}
/**
 * bubblewrap's monitor exits as soon as the command does, while the kernel may
 * still be killing the rest of the pid namespace. Its pid 1 becomes a zombie
 * (or vanishes) only after every other process in the namespace is gone, so
 * waiting for that means "exited" really means nothing is left running.
 */
async function waitForNamespaceGone(pid, limitMs = 2000) {
    const deadline = performance.now() + limitMs;
    while (performance.now() < deadline) {
        const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
        if (stat === undefined)
            return;
        // "pid (comm) state ...": a pid that no longer belongs to bubblewrap was reused: ours is gone.
        const commEnd = stat.lastIndexOf(")");
        if (!stat.includes("(bwrap)") || stat.charAt(commEnd + 2) === "Z")
            return;
        await delay(1);
    }
}
function killQuietly(pid) {
    try {
        process.kill(pid, "SIGKILL");
    }
    catch {
        // already gone
    }
}
//# sourceMappingURL=bwrap-process.js.map