import { validateJSONRPCMessage, type JSONRPCMessage, type MCPTransport } from "@ai-sdk/mcp";
import type { Command, Sandbox, SandboxProcess } from "../../sandbox/sandbox-port.js";

/**
 * The MCP stdio transport (newline-delimited JSON-RPC on stdin/stdout), with
 * the server process started through the sandbox port rather than on the host:
 * `Sandbox.spawn` already streams stdin and stdout, inside every limit of the
 * sandbox, and killing the spawn kills every process the server started. So
 * no provider needs a new channel and the runner is not involved (the built-in
 * agent has no runner); it works the same on bwrap and Docker.
 */
export interface SandboxStdioOptions {
  /** The longest line the server may send; a longer one is a protocol error and ends the server. */
  maxMessageBytes?: number;
  /** The server's stderr, line by line (for a log); kept short. */
  onStderr?: (line: string) => void;
}

/** A server lives for one turn at most; the session's turn limit ends it sooner. */
const serverLifetimeMs = 2 ** 31 - 1;
/** stdout + stderr over the server's life: generous, since a turn's tool calls all flow through it. */
const serverOutputBytes = 512 * 1024 * 1024;
const defaultMaxMessageBytes = 16 * 1024 * 1024;

export class SandboxStdioTransport implements MCPTransport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  #process: SandboxProcess | undefined;
  #closed = false;
  readonly #maxMessageBytes: number;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly command: Command,
    private readonly options: SandboxStdioOptions = {},
  ) {
    this.#maxMessageBytes = options.maxMessageBytes ?? defaultMaxMessageBytes;
  }

  /** The spawn, once started (tests check that it ended). */
  get process(): SandboxProcess | undefined {
    return this.#process;
  }

  async start(): Promise<void> {
    if (this.#process !== undefined) throw new Error("the transport is already started");
    const process = await this.sandbox.spawn(this.command, {
      timeoutMs: serverLifetimeMs,
      maxOutputBytes: serverOutputBytes,
    });
    this.#process = process;
    // A server that exits closes its stdin; writing then is reported by `exited`, not here.
    process.stdin.on("error", () => undefined);
    this.#readLines(process.stdout, (line) => this.#receive(line));
    this.#readLines(process.stderr, (line) => this.options.onStderr?.(line.slice(0, 2000)));
    void process.exited.then((exit) => {
      if (!this.#closed && exit.reason !== "exited") {
        this.onerror?.(
          new Error(`the MCP server stopped: ${exit.reason}${exit.detail ? ` (${exit.detail})` : ""}`),
        );
      }
      this.#closed = true;
      this.onclose?.();
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const process = this.#process;
    if (process === undefined || this.#closed || process.stdin.writableEnded) {
      throw new Error("the MCP server is not running");
    }
    const line = `${JSON.stringify(message)}\n`;
    await new Promise<void>((resolve, reject) => {
      process.stdin.write(line, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Kills the server and every process it started; resolves once they are gone. */
  async close(): Promise<void> {
    const process = this.#process;
    if (process === undefined) return;
    this.#closed = true;
    process.stdin.end();
    process.kill();
    await process.exited;
  }

  #receive(line: string): void {
    if (line.trim() === "") return;
    let message: JSONRPCMessage;
    try {
      message = validateJSONRPCMessage(JSON.parse(line));
    } catch {
      // A server that logs to stdout breaks the protocol; say so, and carry on with the next line.
      this.onerror?.(new Error(`the MCP server wrote a line that is not JSON-RPC: ${line.slice(0, 200)}`));
      return;
    }
    this.onmessage?.(message);
  }

  #readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf("\n");
      while (newline !== -1) {
        onLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
      if (pending.length > this.#maxMessageBytes) {
        pending = "";
        this.onerror?.(new Error(`the MCP server sent a message over ${this.#maxMessageBytes} bytes`));
        this.#process?.kill();
      }
    });
    stream.on("error", () => undefined);
  }
}
