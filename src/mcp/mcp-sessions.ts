import { randomUUID } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { HangarError } from "../core/errors.js";
import type { McpSessionHandle, McpSessionHost } from "../server/mcp-session-host.js";
import { createHangarMcpServer, type HangarMcpServer, type McpServices } from "./hangar-mcp-server.js";

/** One stateful MCP session over streamable HTTP: whose it is, its transport and server. */
export interface McpSession extends McpSessionHandle {
  readonly transport: StreamableHTTPServerTransport;
}

export interface McpSessionsOptions {
  services: McpServices;
  /** Sessions one owner may hold; past it the least recently used idle one is closed, else 429. */
  maxPerOwner: number;
  /** A session with no request for this long is closed. */
  idleMs: number;
  now?: () => number;
}

interface Entry extends McpSession {
  mcp: HangarMcpServer;
  activeRequests: number;
  lastActive: number;
}

/**
 * The MCP sessions of every listener (`/mcp` on the main server and on
 * `--mcp-port`): bounded per owner, closed when idle, and all closed when
 * Hangar stops. A session is only ever handed to the owner that created it.
 */
export class McpSessions implements McpSessionHost {
  readonly #options: McpSessionsOptions;
  readonly #now: () => number;
  readonly #sessions = new Map<string, Entry>();
  readonly #sweeper: NodeJS.Timeout;
  #isClosed = false;

  constructor(options: McpSessionsOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Date.now());
    const sweepMs = Math.max(250, Math.min(30_000, Math.floor(options.idleMs / 2)));
    this.#sweeper = setInterval(() => this.sweepIdle(), sweepMs);
    this.#sweeper.unref();
  }

  /** The owner's session; undefined for an unknown id and for another owner's (the caller cannot tell them apart). */
  get(owner: string, id: string): McpSession | undefined {
    const entry = this.#sessions.get(id);
    return entry !== undefined && entry.owner === owner ? entry : undefined;
  }

  /** How many sessions the owner holds (tests, metrics). */
  countFor(owner: string): number {
    let count = 0;
    for (const entry of this.#sessions.values()) if (entry.owner === owner) count += 1;
    return count;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /**
   * A new session for the owner, its server connected to a fresh transport
   * whose id is fixed now (so the per-owner bound counts it at once). It is
   * forgotten again if the initialize request does not go through.
   */
  async open(owner: string): Promise<McpSession> {
    if (this.#isClosed)
      throw new HangarError("SHUTTING_DOWN", "the server is shutting down", { retryAfterSeconds: 5 });
    this.#makeRoomFor(owner);
    const id = randomUUID();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      onsessionclosed: () => this.#forget(id),
    });
    const mcp = createHangarMcpServer(owner, this.#options.services);
    const entry: Entry = {
      id,
      owner,
      transport,
      mcp,
      activeRequests: 0,
      lastActive: this.#now(),
      handleRequest: (request, response, body) => transport.handleRequest(request, response, body),
      begin: (isStream = false) => {
        entry.lastActive = this.#now();
        if (isStream) return () => {};
        entry.activeRequests += 1;
        let hasEnded = false;
        return () => {
          if (hasEnded) return;
          hasEnded = true;
          entry.activeRequests -= 1;
          entry.lastActive = this.#now();
        };
      },
    };
    transport.onclose = () => this.#forget(id);
    this.#sessions.set(id, entry);
    await mcp.server.connect(transport);
    return entry;
  }

  /** Closes a session that never got initialized (its initialize request was refused). */
  async discardUninitialized(session: McpSessionHandle): Promise<void> {
    const entry = this.#sessions.get(session.id);
    if (entry !== undefined && entry.transport.sessionId === undefined) await this.#close(session.id);
  }

  /** Closes the sessions idle for longer than idleMs; runs on a timer, and in tests on demand. */
  sweepIdle(): void {
    const cutoff = this.#now() - this.#options.idleMs;
    for (const entry of [...this.#sessions.values()]) {
      if (entry.activeRequests === 0 && entry.lastActive < cutoff) void this.#close(entry.id);
    }
  }

  async closeAll(): Promise<void> {
    this.#isClosed = true;
    clearInterval(this.#sweeper);
    await Promise.all([...this.#sessions.keys()].map((id) => this.#close(id)));
  }

  /** At the bound: close the owner's least recently used idle session, or refuse when all are busy. */
  #makeRoomFor(owner: string): void {
    const owned = [...this.#sessions.values()].filter((entry) => entry.owner === owner);
    if (owned.length < this.#options.maxPerOwner) return;
    const idle = owned
      .filter((entry) => entry.activeRequests === 0)
      .sort((left, right) => left.lastActive - right.lastActive);
    const evicted = idle.slice(0, owned.length - this.#options.maxPerOwner + 1);
    if (evicted.length + this.#options.maxPerOwner <= owned.length) {
      throw new HangarError(
        "TOO_MANY_REQUESTS",
        `at most ${this.#options.maxPerOwner} MCP sessions per owner (mcp.max_sessions_per_owner), and all are in use; ` +
          "end one with DELETE /mcp",
        { field: "mcp-session-id", retryAfterSeconds: 5 },
      );
    }
    for (const entry of evicted) void this.#close(entry.id);
  }

  #forget(id: string): void {
    const entry = this.#sessions.get(id);
    if (entry === undefined) return;
    this.#sessions.delete(id);
    void entry.mcp.close().catch(() => undefined);
  }

  async #close(id: string): Promise<void> {
    const entry = this.#sessions.get(id);
    if (entry === undefined) return;
    this.#sessions.delete(id);
    await entry.mcp.close().catch(() => undefined);
  }
}
