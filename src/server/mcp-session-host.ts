import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What `/mcp` needs of Hangar's MCP sessions (implemented by `mcp/`'s
 * McpSessions): the server stays a thin HTTP front and never imports the MCP
 * server it hands requests to.
 */
export interface McpSessionHandle {
  readonly id: string;
  readonly owner: string;
  /**
   * Marks a request of this session as begun; call the result when it ends. A
   * request in flight keeps the session from idle expiry and eviction; the
   * long-lived GET stream (`isStream`) only counts as use when it opens, or a
   * client that keeps one open would hold its slot for ever.
   */
  begin(isStream?: boolean): () => void;
  /** Answers the request on `response` (JSON or an SSE stream), with the body Fastify parsed. */
  handleRequest(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void>;
}

export interface McpSessionHost {
  /** The owner's session; undefined for an unknown id and for another owner's (the caller cannot tell them apart). */
  get(owner: string, id: string): McpSessionHandle | undefined;
  /** A new session for the owner (to be initialized by the request handed to it). */
  open(owner: string): Promise<McpSessionHandle>;
  /** Forgets a session whose initialize request did not go through. */
  discardUninitialized(session: McpSessionHandle): Promise<void>;
}
