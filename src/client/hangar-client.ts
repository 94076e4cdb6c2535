import type {
  AddCredentialRequest,
  AddCredentialResponse,
  CreateProxyGrantRequest,
  CredentialList,
  CredentialView,
  ProxyGrantList,
  ProxyGrantView,
  BridgeStatus,
  CancelRequest,
  ChatRequest,
  EnsureSandboxResponse,
  WrittenFile,
  ChatResponse,
  InteractionAnswer,
  ReplyRequest,
  ReplyResponse,
  SandboxFileList,
  SessionEvent,
  SessionEventsPage,
  SessionView,
} from "../protocol/index.js";
import { HangarClientError } from "./hangar-client-error.js";
import { HttpTransport, type TransportOptions } from "./http-transport.js";
import { watchSessionEvents, type ReconnectOptions, type WatchOptions } from "./watch-session.js";

/**
 * A typed client of Hangar's agent API over HTTP and SSE, on the global
 * `fetch`. Front ends that talk to a server (the CLI's `hangar task`, later
 * the TUI and bridges in remote mode) use it; it knows nothing of the server's
 * code, only the wire protocol (`protocol/`). `SessionFollower` builds on it.
 */
export interface HangarClientOptions extends TransportOptions {
  /** How `watch` reconnects after a dropped stream. */
  reconnect?: ReconnectOptions;
}

/** What `GET /status` answers that front ends use (it says more: limits, load, isolation). */
export interface ServerStatus {
  version: string;
  provider: string;
  /** The chat bridges the server runs (`hangar bridges status`); empty when none is configured. */
  bridges: BridgeStatus[];
}

export class HangarClient {
  readonly baseUrl: string;
  private readonly transport: HttpTransport;
  private readonly reconnect: ReconnectOptions;

  /** From options, or over a transport the caller shares (the SDK sends everything through one). */
  constructor(options: HangarClientOptions | { transport: HttpTransport; reconnect?: ReconnectOptions }) {
    this.transport = "transport" in options ? options.transport : new HttpTransport(options);
    this.baseUrl = this.transport.baseUrl;
    this.reconnect = options.reconnect ?? {};
  }

  /** Starts a session, or continues one when `session_id` is given; answers at once. */
  chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    return this.send<ChatResponse>("POST", "/chat", request, signal);
  }

  /** The session's events from `since` on, following it live until it settles; see `watchSessionEvents`. */
  watch(sessionId: string, options: WatchOptions = {}): AsyncIterable<SessionEvent> {
    const path = `/agent/progress/${encodeURIComponent(sessionId)}`;
    return watchSessionEvents(
      {
        url: (since) => this.transport.url(path, { since: since > 0 ? since : undefined }),
        headers: { ...this.transport.headers },
        fetch: this.transport.fetch,
        reconnect: this.reconnect,
      },
      options,
    );
  }

  /** Answers a permission request (`{approved}`) or a question (`{answer}`); 409 CONFLICT when already resolved. */
  reply(
    sessionId: string,
    interactionId: string,
    answer: InteractionAnswer,
    signal?: AbortSignal,
  ): Promise<ReplyResponse> {
    return this.send<ReplyResponse>(
      "POST",
      `/agent/sessions/${encodeURIComponent(sessionId)}/reply`,
      { interaction_id: interactionId, ...answer } satisfies ReplyRequest,
      signal,
    );
  }

  /** Cancels the running turn and queued prompts; answers once the session has settled. */
  cancel(sessionId: string, signal?: AbortSignal): Promise<SessionView> {
    const body: CancelRequest = { session_id: sessionId };
    return this.send<SessionView>("POST", "/agent/session/cancel", body, signal);
  }

  getSession(sessionId: string, signal?: AbortSignal): Promise<SessionView> {
    return this.send<SessionView>(
      "GET",
      `/agent/sessions/${encodeURIComponent(sessionId)}`,
      undefined,
      signal,
    );
  }

  /** A page of a session's event log: the events after `since`, at most `limit` (1-1000). */
  listSessionEvents(
    sessionId: string,
    since = 0,
    limit = 1000,
    signal?: AbortSignal,
  ): Promise<SessionEventsPage> {
    return this.transport.json<SessionEventsPage>(
      "GET",
      `/agent/sessions/${encodeURIComponent(sessionId)}/events`,
      {
        query: { since, limit },
        signal,
      },
    );
  }

  /** The caller's sessions, newest first; only one project's with `projectId`. */
  async listSessions(projectId?: string, signal?: AbortSignal): Promise<SessionView[]> {
    const page = await this.transport.json<{ sessions: SessionView[] }>("GET", "/agent/sessions", {
      query: { project_id: projectId },
      signal,
    });
    return page.sessions;
  }

  /** The entries of a sandbox's workspace (a session's `sandbox_id`), or of a directory in it. */
  listSandboxFiles(sandboxId: string, path?: string, signal?: AbortSignal): Promise<SandboxFileList> {
    return this.transport.json<SandboxFileList>("GET", `/sandboxes/${encodeURIComponent(sandboxId)}/files`, {
      query: { path },
      signal,
    });
  }

  /** A file of a sandbox's workspace, as bytes (the server refuses one over its file size limit: 413). */
  async readSandboxFile(sandboxId: string, path: string, signal?: AbortSignal): Promise<Uint8Array> {
    const response = await this.transport.request(
      "GET",
      `/sandboxes/${encodeURIComponent(sandboxId)}/files/content`,
      { query: { path }, accept: "application/octet-stream", signal },
    );
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The managed sandbox of a project (the one its sessions work in), created if needed. */
  ensureSandbox(projectId: string, userId = "default", signal?: AbortSignal): Promise<EnsureSandboxResponse> {
    return this.send<EnsureSandboxResponse>(
      "POST",
      "/sandboxes/ensure",
      { user_id: userId, project_id: projectId },
      signal,
    );
  }

  /** Writes a file into a sandbox's workspace, creating missing directories. */
  writeSandboxFile(
    sandboxId: string,
    path: string,
    bytes: Uint8Array,
    signal?: AbortSignal,
  ): Promise<WrittenFile> {
    return this.transport.json<WrittenFile>(
      "PUT",
      `/sandboxes/${encodeURIComponent(sandboxId)}/files/content`,
      {
        query: { path },
        bytes,
        signal,
      },
    );
  }

  /** `GET /status`, the part a front end shows: which sandbox provider runs the work, which chat bridges run. */
  getServerStatus(signal?: AbortSignal): Promise<ServerStatus> {
    return this.send<ServerStatus>("GET", "/status", undefined, signal);
  }

  /** Stores a credential (the token is write-only: no call returns it) and returns its first proxy id. */
  addCredential(request: AddCredentialRequest, signal?: AbortSignal): Promise<AddCredentialResponse> {
    return this.send<AddCredentialResponse>("POST", "/credentials", request, signal);
  }

  async listCredentials(signal?: AbortSignal): Promise<CredentialView[]> {
    return (await this.send<CredentialList>("GET", "/credentials", undefined, signal)).credentials;
  }

  getCredential(name: string, signal?: AbortSignal): Promise<CredentialView> {
    return this.send<CredentialView>("GET", `/credentials/${encodeURIComponent(name)}`, undefined, signal);
  }

  /** Removes the credential and every proxy id of it. */
  async removeCredential(name: string, signal?: AbortSignal): Promise<void> {
    await this.send<undefined>("DELETE", `/credentials/${encodeURIComponent(name)}`, undefined, signal);
  }

  createProxyId(
    name: string,
    request: CreateProxyGrantRequest = {},
    signal?: AbortSignal,
  ): Promise<ProxyGrantView> {
    return this.send<ProxyGrantView>(
      "POST",
      `/credentials/${encodeURIComponent(name)}/proxy-ids`,
      request,
      signal,
    );
  }

  async listProxyIds(name: string, signal?: AbortSignal): Promise<ProxyGrantView[]> {
    const path = `/credentials/${encodeURIComponent(name)}/proxy-ids`;
    return (await this.send<ProxyGrantList>("GET", path, undefined, signal)).proxy_ids;
  }

  async revokeProxyId(id: string, signal?: AbortSignal): Promise<void> {
    await this.send<undefined>("DELETE", `/proxy-ids/${encodeURIComponent(id)}`, undefined, signal);
  }

  private send<Body>(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<Body> {
    return this.transport.json<Body>(method, path, { json: body, signal });
  }
}

export { HangarClientError };
