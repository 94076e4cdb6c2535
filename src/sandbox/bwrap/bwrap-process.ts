import { PassThrough, type Readable, type Writable } from "node:stream";
import { readFileSync } from "node:fs";
import { setPriority } from "node:os";
import { deferred, delay } from "../../core/abort.js";
import { HangarError, errorMessage } from "../../core/errors.js";
import type { Cgroup, CgroupCounters } from "../cgroups/cgroup-driver.js";
import type { ExitInfo, ExitReason, SandboxProcess, SpawnOptions } from "../sandbox-port.js";
import { launchFailedExitCode } from "../launch-script.js";
import { classifyExit, signalFromExitCode } from "../exit-classification.js";
import { holdsCulpritShare, treeTasks, watchRefusedForks } from "../refused-fork-watch.js";
import { launchWithNode, type LaunchChild, type LaunchedChild } from "./child-launcher.js";

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

export interface BwrapLaunch {
  bwrapPath: string;
  /** bubblewrap's options, sent on `argumentsFd`, then `--` and the command. */
  argv: string[];
  /**
   * bubblewrap's working directory on the host: the provider's runtime directory, so
   * an instance's processes can be told by `/proc/PID/cwd` now that their argv names
   * nothing of it. The sandbox never sees it (bubblewrap changes directory inside).
   */
  directory: string;
  /** Host user and group the sandbox runs as (when Hangar runs as root). */
  uid?: number;
  gid?: number;
  cgroup?: Cgroup;
  /** The compiled seccomp program, sent on `seccompFd` (the argv must name that fd). */
  seccompFilter?: Buffer;
  /**
   * In a process group of its own, so nothing aimed at Hangar's group (a terminal's
   * Ctrl-C) reaches it: for an instance that outlives Hangar (argv without --die-with-parent).
   */
  detached?: boolean;
  /** How the instance is started: the spawn server, or Node's own spawn by default. */
  launchChild?: LaunchChild;
  /**
   * Niceness for the instance (its monitor and pid 1, so everything the command forks
   * inherits it), set while it is parked; unset leaves what it was started with.
   */
  niceness?: number;
}

export class ParkedInstance {
  private used = false;

  private constructor(
    private readonly child: LaunchedChild,
    private readonly sandboxPid: number,
    private readonly cgroup: Cgroup | undefined,
    readonly startedAt: number,
  ) {}

  /** Starts a parked instance; one retry covers a sandbox that died while it was being joined. */
  static async start(launch: BwrapLaunch): Promise<ParkedInstance> {
    try {
      return await ParkedInstance.startOnce(launch);
    } catch (error) {
      if (!(error instanceof HangarError)) throw error;
      return ParkedInstance.startOnce(launch);
    }
  }

  private static async startOnce(launch: BwrapLaunch): Promise<ParkedInstance> {
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
      ...(launch.niceness === undefined ? {} : { niceness: launch.niceness }),
      ...(launch.uid === undefined ? {} : { uid: launch.uid, gid: launch.gid ?? launch.uid }),
      // stdin, stdout, stderr, the info descriptor, the launch script's.
      streams: launchFd + 1,
      data: [
        { fd: argumentsFd, content: Buffer.from(options.map((argument) => `${argument}\0`).join("")) },
        ...(launch.seccompFilter ? [{ fd: seccompFd, content: launch.seccompFilter }] : []),
      ],
    });
    // Errors surface through the exit handling; unhandled 'error' events would crash the server.
    for (const stream of child.stdio) stream?.on("error", () => undefined);
    const sandboxPid = await readSandboxPid(child);
    try {
      if (launch.cgroup && child.pid !== undefined) {
        await launch.cgroup.join([child.pid, sandboxPid]);
      }
    } catch (error) {
      killQuietly(sandboxPid);
      child.kill("SIGKILL");
      throw new HangarError("SANDBOX_ERROR", `cannot put the sandbox in its cgroup: ${errorMessage(error)}`);
    }
    if (launch.niceness !== undefined && child.pid !== undefined) {
      // Again, for a launcher that could not start it so (Node's spawn). Parked, pid 1
      // has not forked the command yet: the command inherits this. An instance that
      // died meanwhile (ESRCH) is found dead when it is used.
      for (const pid of [child.pid, sandboxPid]) {
        try {
          setPriority(pid, launch.niceness);
        } catch {
          // gone
        }
      }
    }
    return new ParkedInstance(child, sandboxPid, launch.cgroup, startedAt);
  }

  get isAlive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Delivers the launch script (see `buildLaunchScript`) and lets the instance run it. */
  run(script: Buffer, options: SpawnOptions): SandboxProcess {
    if (this.used) throw new Error("a parked bubblewrap instance runs one command only");
    this.used = true;
    return new BwrapProcess(this.child, this.sandboxPid, this.cgroup, script, options);
  }

  /**
   * While bubblewrap waits for its launch script it has not yet armed its
   * parent-death signal, so killing the monitor alone would leave it waiting:
   * kill the sandbox pid too, and close the pipe so it would read EOF anyway.
   */
  discard(): void {
    this.used = true;
    killQuietly(this.sandboxPid);
    this.child.kill("SIGKILL");
    (this.child.stdio[launchFd] as Writable).destroy();
  }
}

function readSandboxPid(child: LaunchedChild): Promise<number> {
  const info = child.stdio[infoFd] as Readable;
  const result = deferred<number>();
  let settled = false;
  void result.promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  let text = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString();
  });
  info.on("data", (chunk: Buffer) => {
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
    if (settled) return;
    const detail = stderr.trim() || `exit ${code ?? signal}`;
    result.reject(new HangarError("SANDBOX_ERROR", `bubblewrap failed to start: ${detail}`));
  });
  child.once("error", (error) => {
    result.reject(new HangarError("SANDBOX_ERROR", `cannot start bubblewrap: ${errorMessage(error)}`));
  });
  return result.promise;
}

class BwrapProcess implements SandboxProcess {
  readonly stdin: Writable;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly exited: Promise<ExitInfo>;
  private stopReason: ExitReason | undefined;
  private stdoutBytes = 0;
  private stderrBytes = 0;
  private finished = false;

  constructor(
    private readonly child: LaunchedChild,
    private readonly sandboxPid: number,
    private readonly cgroup: Cgroup | undefined,
    script: Buffer,
    private readonly options: SpawnOptions,
  ) {
    this.stdin = child.stdin!;
    this.exited = this.supervise(script);
  }

  kill(): void {
    this.stop("killed");
  }

  private stop(reason: ExitReason): void {
    if (this.finished) return;
    this.stopReason ??= reason;
    // Killing the sandbox's pid 1 tears down its pid namespace: every process in it dies,
    // however it double-forked, setsid'd or stopped itself.
    killQuietly(this.sandboxPid);
    this.child.kill("SIGKILL");
  }

  private async supervise(script: Buffer): Promise<ExitInfo> {
    const before = await this.readCounters();
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      this.child.once("close", (code, signal) => resolve([code, signal]));
    });
    this.forward(this.child.stdout!, this.stdout, "stdout");
    this.forward(this.child.stderr!, this.stderr, "stderr");

    const startedAt = performance.now();
    const timer = setTimeout(() => this.stop("timeout"), this.options.timeoutMs);
    const cgroup = this.cgroup;
    // The sandbox's cgroup is shared by every command running in it: the one holding the tasks is the bomb.
    const stopWatching = cgroup
      ? watchRefusedForks({
          counters: () => cgroup.counters(),
          before,
          isCulprit: async () =>
            holdsCulpritShare(
              await treeTasks(await cgroup.processes(), this.sandboxPid),
              await cgroup.taskLimit(),
            ),
          onLimit: () => this.stop("pids_limit"),
        })
      : () => undefined;
    const onAbort = (): void => this.stop("killed");
    this.options.signal?.addEventListener("abort", onAbort, { once: true });
    if (this.options.signal?.aborted) onAbort();

    (this.child.stdio[launchFd] as Writable).end(script);

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
            reason: "sandbox_error" as const,
            detail: "the sandbox could not be set up (launch script failed)",
          }
        : {}),
    };
  }

  /** Copies output until the combined limit; past it, the whole process tree is killed. */
  private forward(source: Readable, target: PassThrough, name: "stdout" | "stderr"): void {
    source.on("data", (chunk: Buffer) => {
      const room = this.options.maxOutputBytes - this.stdoutBytes - this.stderrBytes;
      // Output that exactly filled the limit is fine; any byte after it is over, even in a later chunk.
      if (room <= 0) {
        if (chunk.length > 0) this.stop("output_limit");
        return;
      }
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (name === "stdout") this.stdoutBytes += kept.length;
      else this.stderrBytes += kept.length;
      target.write(kept);
      if (chunk.length > room) this.stop("output_limit");
    });
  }

  private async readCounters(): Promise<CgroupCounters> {
    return this.cgroup ? this.cgroup.counters() : { oomKills: 0, pidsRefused: 0 };
  }
}

/**
 * bubblewrap's monitor exits as soon as the command does, while the kernel may
 * still be killing the rest of the pid namespace. Its pid 1 becomes a zombie
 * (or vanishes) only after every other process in the namespace is gone, so
 * waiting for that means "exited" really means nothing is left running.
 */
async function waitForNamespaceGone(pid: number, limitMs = 2000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline) {
    // Synchronous: /proc answers in microseconds, a thread-pool trip costs more than the read.
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return;
    }
    // "pid (comm) state ...": a pid that no longer belongs to bubblewrap was reused: ours is gone.
    const commEnd = stat.lastIndexOf(")");
    if (!stat.includes("(bwrap)") || stat.charAt(commEnd + 2) === "Z") return;
    await delay(1);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
