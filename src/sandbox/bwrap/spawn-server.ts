import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { constants } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { deferred } from "../../core/abort.js";
import { findSourceAsset } from "../../core/source-assets.js";
import { HangarError } from "../../core/errors.js";
import type { ChildLaunch, LaunchedChild } from "./child-launcher.js";

/**
 * Hangar's side of `spawn-server.py`, which starts bubblewrap instances with
 * posix_spawn so this process is never forked (the script's docstring says
 * why, and the protocol). Started once per provider; a launch is a line of
 * JSON out, a `spawned` line back, and the child's streams arriving as
 * connections on a private Unix socket, each introduced by a header.
 */
const tokenBytes = 16;
const headerBytes = tokenBytes + 5;
const python = "/usr/bin/python3";
const launchTimeoutMs = 30_000;

function scriptPath(): string | undefined {
  return findSourceAsset(import.meta.url, "src/sandbox/bwrap", "spawn-server.py");
}

/** Whether this host can run the spawn server (a system python3 and, for other uids, setpriv). */
export function canUseSpawnServer(): boolean {
  return scriptPath() !== undefined && existsSync(python) && existsSync("/usr/bin/setpriv");
}

interface Answer {
  op: "spawned" | "failed" | "exited";
  id: number;
  pid?: number;
  error?: string;
  code?: number | null;
  signal?: NodeJS.Signals | null;
}

export class SpawnServer {
  private nextId = 1;
  private readonly children = new Map<number, ServedChild>();
  private process: ChildProcess | undefined;
  private closed = false;

  private constructor(
    private readonly listener: Server,
    private readonly socketPath: string,
    private readonly token: Buffer,
    private readonly onError: (message: string) => void,
  ) {
    listener.on("connection", (socket) => this.accept(socket));
  }

  /** Listens in `directory` (created 0700, it must be private) for the children's streams. */
  static async start(directory: string, onError: (message: string) => void = () => {}): Promise<SpawnServer> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const socketPath = join(directory, `spawn-${process.pid}-${randomBytes(4).toString("hex")}.sock`);
    const listener = createServer();
    listener.maxConnections = 4096;
    await new Promise<void>((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(socketPath, () => resolve());
    });
    return new SpawnServer(listener, socketPath, randomBytes(tokenBytes), onError);
  }

  async launch(launch: ChildLaunch): Promise<LaunchedChild> {
    if (this.closed) throw new HangarError("SANDBOX_ERROR", "the spawn server is closed");
    const id = this.nextId++;
    const child = new ServedChild(id, launch.streams, (signal) => this.send({ op: "kill", id, signal }));
    this.children.set(id, child);
    this.send({
      op: "spawn",
      id,
      file: launch.file,
      args: launch.args,
      env: launch.env,
      cwd: launch.cwd,
      setsid: launch.detached,
      ...(launch.niceness === undefined ? {} : { niceness: launch.niceness }),
      ...(launch.uid === undefined ? {} : { uid: launch.uid, gid: launch.gid ?? launch.uid }),
      fds: [
        ...Array.from({ length: launch.streams }, (_, fd) => ({ fd })),
        ...launch.data.map(({ fd, content }) => ({ fd, data: content.toString("base64") })),
      ],
    });
    // A server too busy to answer must not hold a sandbox's command forever.
    const timer = setTimeout(
      () => child.lose(`the spawn server did not start it within ${launchTimeoutMs} ms`),
      launchTimeoutMs,
    );
    try {
      await child.ready;
    } catch (error) {
      this.children.delete(id);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    child.handOut();
    return child;
  }

  /** Stops the script: children that die with their parent die with it. */
  async close(): Promise<void> {
    this.closed = true;
    this.process?.stdin?.end();
    this.process?.kill("SIGKILL");
    // No new streams; those of children still running close with them.
    this.listener.close();
    await rm(this.socketPath, { force: true });
  }

  private send(message: Record<string, unknown>): void {
    const script = this.ensureProcess();
    script.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  private ensureProcess(): ChildProcess {
    if (this.process) return this.process;
    const path = scriptPath();
    if (path === undefined) throw new HangarError("SANDBOX_ERROR", "spawn-server.py is missing");
    // The one fork of this process the spawn server costs: before any sandbox runs.
    const script = spawn(python, ["-I", "-S", path], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { PATH: "/usr/bin:/bin" },
    });
    this.process = script;
    script.stdin.on("error", () => undefined);
    script.stdin.write(`${JSON.stringify({ socket: this.socketPath, token: this.token.toString("hex") })}\n`);
    let stderr = "";
    script.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    createInterface({ input: script.stdout }).on("line", (line) => this.receive(line));
    script.once("close", (code, signal) => {
      if (this.process === script) this.process = undefined;
      const reason = `the spawn server ended (${code ?? signal})${stderr ? `: ${stderr.trim()}` : ""}`;
      if (!this.closed) this.onError(reason);
      // Its children that die with their parent are gone; the others can no longer be waited for.
      for (const child of this.children.values()) child.lose(reason);
      this.children.clear();
    });
    return script;
  }

  private receive(line: string): void {
    let answer: Answer;
    try {
      answer = JSON.parse(line) as Answer;
    } catch {
      this.onError(`the spawn server said something unreadable: ${line.slice(0, 200)}`);
      return;
    }
    const child = this.children.get(answer.id);
    if (!child) {
      // Started after its launch gave up waiting: nobody would ever watch it.
      if (answer.op === "spawned")
        this.send({ op: "kill", id: answer.id, signal: constants.signals.SIGKILL });
      return;
    }
    if (answer.op === "spawned") child.spawned(answer.pid!);
    else if (answer.op === "failed") {
      this.children.delete(answer.id);
      child.failed(new HangarError("SANDBOX_ERROR", `cannot start bubblewrap: ${answer.error ?? "unknown"}`));
    } else if (answer.op === "exited") {
      // Kept until closed: its streams may still be on their way.
      child.once("close", () => this.children.delete(answer.id));
      child.exited(answer.code ?? null, answer.signal ?? null);
    }
  }

  /** A child's stream: the header says whose and which, then it belongs to that child. */
  private accept(socket: Socket): void {
    socket.on("error", () => undefined);
    const readHeader = (): void => {
      const header = socket.read(headerBytes) as Buffer | null;
      if (header === null) return;
      socket.off("readable", readHeader);
      if (header.length < headerBytes || !header.subarray(0, tokenBytes).equals(this.token)) {
        socket.destroy();
        return;
      }
      const id = header.readUInt32BE(tokenBytes);
      const fd = header.readUInt8(tokenBytes + 4);
      // Ids are registered before their request is sent: an unknown one is a finished child's.
      const child = this.children.get(id);
      if (child) child.attach(fd, socket);
      else socket.destroy();
    };
    socket.on("readable", readHeader);
    socket.once("end", () => socket.off("readable", readHeader));
  }
}

/** A child of the spawn server, shaped like Node's `ChildProcess` for `bwrap-process.ts`. */
class ServedChild extends EventEmitter implements LaunchedChild {
  pid: number | undefined;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly stdio: (Readable | Writable | null)[];
  private readonly started = deferred<void>();
  private pendingStreams: number;
  private openOutputs = 0;
  /** As the spawn server reported it; told to listeners only once handed out. */
  private exit: [number | null, NodeJS.Signals | null] | undefined;
  private isHandedOut = false;
  private isClosed = false;

  constructor(
    readonly id: number,
    streams: number,
    private readonly sendKill: (signal: number) => void,
  ) {
    super();
    this.stdio = Array.from({ length: streams }, () => null);
    this.pendingStreams = streams;
    // A launch that fails is reported through `ready`; nobody else needs to hear it.
    this.started.promise.catch(() => undefined);
  }

  /** Settles once the child runs and every stream of it has arrived. */
  get ready(): Promise<void> {
    return this.started.promise;
  }

  get stdin(): Writable | null {
    return this.stdio[0] as Writable | null;
  }

  get stdout(): Readable | null {
    return this.stdio[1] as Readable | null;
  }

  get stderr(): Readable | null {
    return this.stdio[2] as Readable | null;
  }

  attach(fd: number, socket: Socket): void {
    if (fd >= this.stdio.length || this.stdio[fd] !== null) {
      socket.destroy();
      return;
    }
    this.stdio[fd] = socket;
    this.pendingStreams -= 1;
    // The child's stdin is a socket Hangar only writes to: whatever the child writes back is
    // dropped, and its end lets the socket close (Node's stdin socket does not read at all).
    if (fd === 0) socket.resume();
    // Like ChildProcess: the child is closed when it exited and its output streams closed.
    if (fd > 0) {
      this.openOutputs += 1;
      socket.once("close", () => {
        this.openOutputs -= 1;
        this.maybeClose();
      });
    }
    this.maybeReady();
  }

  spawned(pid: number): void {
    this.pid = pid;
    this.maybeReady();
  }

  failed(error: Error): void {
    for (const stream of this.stdio) (stream as Socket | null)?.destroy();
    this.started.reject(error);
  }

  exited(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exit) return;
    this.exit = [code, signal];
    if (this.isHandedOut) this.finishExit();
  }

  /**
   * `launch` gives the child to its caller. Node's `spawn` returns before anything can
   * happen to the child; here the child may already have ended, so its exit is told only
   * once the caller has had its turn to listen (and to read what it wrote).
   */
  handOut(): void {
    this.isHandedOut = true;
    if (this.exit) setImmediate(() => this.finishExit());
  }

  private finishExit(): void {
    const [code, signal] = this.exit!;
    this.exitCode = code;
    this.signalCode = signal;
    this.emit("exit", code, signal);
    // Like ChildProcess: output nobody reads is drained, or its stream would never close.
    for (const stream of this.stdio.slice(1)) {
      const socket = stream as Socket | null;
      if (socket && !socket.readableFlowing && socket.listenerCount("readable") === 0) socket.resume();
    }
    this.maybeClose();
  }

  /** The spawn server died: what it started can no longer be waited for. */
  lose(reason: string): void {
    if (this.exit) return;
    // Without the server nothing waits for it: kill it rather than let it run unwatched.
    // (Children with a parent-death signal are already dead; a detached one's pid cannot
    // have been reused unless it died and was reaped in the same instant.)
    if (this.pid !== undefined) {
      try {
        process.kill(this.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    for (const stream of this.stdio) (stream as Socket | null)?.destroy();
    this.pendingStreams = 0;
    // A launch still waiting fails; one already answered sees its child killed.
    this.started.reject(new HangarError("SANDBOX_ERROR", reason));
    this.exited(null, "SIGKILL");
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): boolean {
    if (this.exit || this.pid === undefined) return false;
    this.sendKill(constants.signals[signal]);
    return true;
  }

  private maybeReady(): void {
    if (this.pid !== undefined && this.pendingStreams === 0) this.started.resolve();
  }

  private maybeClose(): void {
    if (this.isClosed || (this.exitCode === null && this.signalCode === null)) return;
    if (this.pendingStreams > 0 || this.openOutputs > 0) return;
    this.isClosed = true;
    this.emit("close", this.exitCode, this.signalCode);
  }
}
