// One agent process and the ACP connection to it: the runner is the ACP client.
// stdout is split into JSON-RPC lines here (not by the SDK's ndJsonStream) so a
// line that is not JSON-RPC becomes an event instead of a silent drop.
import { spawn, type ChildProcess } from "node:child_process";
import {
  client,
  RequestError,
  type AnyMessage,
  type ClientConnection,
  type RequestPermissionRequest,
  type RequestPermissionResponse,
  type SessionNotification,
} from "@agentclientprotocol/sdk";
import { killProcessGroup } from "./process-group.js";
import { Terminals } from "./terminals.js";
import { readTextFile, writeTextFile } from "./workspace-files.js";
import { OutsideWorkspaceError } from "./workspace-paths.js";

const stderrTailBytes = 4096;

export interface AgentLaunch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  workspace: string;
}

export interface AgentExit {
  exitCode: number | null;
  signal: string | null;
  /** Set when the process could not be started at all (ENOENT, EACCES, …). */
  spawnError?: string;
  stderr: string;
}

export interface AgentEvents {
  update(notification: SessionNotification): void;
  requestPermission(request: RequestPermissionRequest): Promise<RequestPermissionResponse>;
  garbage(line: string): void;
  exited(exit: AgentExit): void;
}

export class AgentProcess {
  readonly connection: ClientConnection;
  readonly exited: Promise<AgentExit>;
  exit: AgentExit | undefined;
  private readonly child: ChildProcess;
  private readonly terminals: Terminals;
  /** Settles once the terminals' processes have exited after the agent did. */
  private terminalsReleased: Promise<void> = Promise.resolve();
  private stderrTail = Buffer.alloc(0);

  constructor(launch: AgentLaunch, events: AgentEvents) {
    this.terminals = new Terminals(launch.workspace, launch.env);
    this.child = spawn(launch.command, launch.args, {
      cwd: launch.workspace,
      env: launch.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = Buffer.concat([this.stderrTail, chunk]).subarray(-stderrTailBytes);
    });
    // A write after the agent died must not crash the runner; the exit is reported instead.
    this.child.stdin!.on("error", () => {});
    this.exited = new Promise((resolve) => {
      const finish = (exit: Omit<AgentExit, "stderr">) => {
        if (this.exit !== undefined) return;
        this.exit = { ...exit, stderr: this.stderrTail.toString("utf8") };
        this.terminalsReleased = this.terminals.releaseAll();
        this.connection.close(new Error(describeExit(this.exit)));
        events.exited(this.exit);
        resolve(this.exit);
      };
      this.child.on("error", (error) => finish({ exitCode: null, signal: null, spawnError: error.message }));
      // "close", not "exit": the stderr tail is complete only once the pipes closed.
      this.child.on("close", (code, signal) => finish({ exitCode: code, signal }));
    });
    this.connection = this.acpClient(launch.workspace, events).connect({
      readable: this.messagesFromStdout(events),
      writable: new WritableStream<AnyMessage>({
        write: (message) => {
          this.child.stdin!.write(`${JSON.stringify(message)}\n`);
        },
      }),
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Ends the agent: SIGTERM to its group, SIGKILL after graceMs (at once when graceMs is 0). */
  async stop(graceMs: number): Promise<AgentExit> {
    if (this.exit !== undefined) return this.exit;
    killProcessGroup(this.child, graceMs === 0 ? "SIGKILL" : "SIGTERM");
    const timer = setTimeout(() => killProcessGroup(this.child), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    // Whatever the agent left running in its group goes too, and its terminals are gone, not dying.
    killProcessGroup(this.child);
    await this.terminalsReleased;
    return exit;
  }

  private messagesFromStdout(events: AgentEvents): ReadableStream<AnyMessage> {
    const stdout = this.child.stdout!;
    let pending = "";
    return new ReadableStream<AnyMessage>({
      start: (controller) => {
        stdout.setEncoding("utf8");
        stdout.on("data", (chunk: string) => {
          pending += chunk;
          let newline = pending.indexOf("\n");
          while (newline !== -1) {
            const line = pending.slice(0, newline).trim();
            pending = pending.slice(newline + 1);
            if (line !== "") {
              const message = parseMessage(line);
              if (message === undefined) events.garbage(line);
              else controller.enqueue(message);
            }
            newline = pending.indexOf("\n");
          }
        });
        stdout.on("close", () => {
          if (pending.trim() !== "") events.garbage(pending.trim());
          // The SDK may have cancelled the stream already when the connection closed.
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        });
      },
    });
  }

  private acpClient(workspace: string, events: AgentEvents) {
    const refuseOutside = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof OutsideWorkspaceError)
          throw RequestError.invalidParams(undefined, error.message);
        // ACP's "Resource not found": agents tell a missing file from a failure by it
        // (Gemini CLI's write_file reads the file first and gives up on any other error).
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          throw RequestError.resourceNotFound((error as NodeJS.ErrnoException).path);
        }
        throw error;
      }
    };
    return client({ name: "hangar-agent-runner" })
      .onNotification("session/update", ({ params }) => events.update(params))
      .onRequest("session/request_permission", ({ params }) => events.requestPermission(params))
      .onRequest("fs/read_text_file", ({ params }) => refuseOutside(() => readTextFile(workspace, params)))
      .onRequest("fs/write_text_file", ({ params }) => refuseOutside(() => writeTextFile(workspace, params)))
      .onRequest("terminal/create", ({ params }) =>
        refuseOutside(async () => ({ terminalId: this.terminals.create(params) })),
      )
      .onRequest("terminal/output", ({ params }) => this.terminals.output(params.terminalId))
      .onRequest("terminal/wait_for_exit", ({ params }) => this.terminals.waitForExit(params.terminalId))
      .onRequest("terminal/kill", ({ params }) => this.terminals.kill(params.terminalId))
      .onRequest("terminal/release", ({ params }) => this.terminals.release(params.terminalId));
  }
}

function parseMessage(line: string): AnyMessage | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === "object" && value !== null && (value as { jsonrpc?: unknown }).jsonrpc === "2.0") {
      return value as AnyMessage;
    }
  } catch {
    // Not JSON: reported as garbage by the caller.
  }
  return undefined;
}

export function describeExit(exit: AgentExit): string {
  if (exit.spawnError !== undefined) return `the agent could not be started: ${exit.spawnError}`;
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
  const stderr = exit.stderr.trim();
  return stderr === "" ? `the agent ${how}` : `the agent ${how}: ${stderr.slice(-500)}`;
}
