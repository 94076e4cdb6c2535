// The agent's terminal/* requests: commands run inside the sandbox with plain
// child_process, each in its own process group so kill reaches its children.
import { spawn, type ChildProcess } from "node:child_process";
import type {
  CreateTerminalRequest,
  TerminalExitStatus,
  TerminalOutputResponse,
} from "@agentclientprotocol/sdk";
import { insideWorkspace } from "./workspace-paths.js";
import { killProcessGroup } from "./process-group.js";

// A command that sets no limit still cannot grow the runner without bound.
const defaultOutputLimit = 1024 * 1024;

class Terminal {
  private output = Buffer.alloc(0);
  private truncated = false;
  exitStatus: TerminalExitStatus | undefined;
  readonly exited: Promise<TerminalExitStatus>;

  constructor(
    readonly child: ChildProcess,
    private readonly limit: number,
  ) {
    const collect = (chunk: Buffer) => this.collect(chunk);
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    this.exited = new Promise((resolve) => {
      child.on("error", (error) => {
        this.collect(Buffer.from(`${error.message}\n`));
        this.exitStatus ??= { exitCode: 127, signal: null };
        resolve(this.exitStatus);
      });
      child.on("close", (code, signal) => {
        this.exitStatus ??= { exitCode: code, signal };
        resolve(this.exitStatus);
      });
    });
  }

  private collect(chunk: Buffer): void {
    this.output = Buffer.concat([this.output, chunk]);
    if (this.output.length <= this.limit) return;
    // ACP keeps the end of the output; cut on a character boundary.
    let start = this.output.length - this.limit;
    while (start < this.output.length && (this.output[start]! & 0xc0) === 0x80) start += 1;
    this.output = this.output.subarray(start);
    this.truncated = true;
  }

  snapshot(): TerminalOutputResponse {
    return {
      output: this.output.toString("utf8"),
      truncated: this.truncated,
      exitStatus: this.exitStatus ?? null,
    };
  }
}

export class Terminals {
  private readonly running = new Map<string, Terminal>();
  private nextId = 1;

  constructor(
    private readonly workspace: string,
    private readonly environment: NodeJS.ProcessEnv,
  ) {}

  create(request: CreateTerminalRequest): string {
    const cwd = insideWorkspace(this.workspace, request.cwd ?? this.workspace);
    const env = { ...this.environment };
    for (const variable of request.env ?? []) env[variable.name] = variable.value;
    const child = spawn(request.command, request.args ?? [], {
      cwd,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const id = `term_${this.nextId++}`;
    this.running.set(id, new Terminal(child, request.outputByteLimit ?? defaultOutputLimit));
    return id;
  }

  output(id: string): TerminalOutputResponse {
    return this.get(id).snapshot();
  }

  async waitForExit(id: string): Promise<TerminalExitStatus> {
    return this.get(id).exited;
  }

  kill(id: string): void {
    const terminal = this.get(id);
    if (terminal.exitStatus === undefined) killProcessGroup(terminal.child);
  }

  release(id: string): void {
    this.kill(id);
    this.running.delete(id);
  }

  /**
   * Kills and forgets every terminal; resolves once their processes have exited (SIGKILL
   * is delivered asynchronously), or after `limitMs` when something still holds their pipes.
   */
  async releaseAll(limitMs = 2_000): Promise<void> {
    const exits = [...this.running.values()].map((terminal) => terminal.exited);
    for (const id of [...this.running.keys()]) this.release(id);
    if (exits.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(exits),
      new Promise((resolve) => (timer = setTimeout(resolve, limitMs))),
    ]);
    clearTimeout(timer);
  }

  private get(id: string): Terminal {
    const terminal = this.running.get(id);
    if (terminal === undefined) throw new Error(`unknown terminal ${id}`);
    return terminal;
  }
}
