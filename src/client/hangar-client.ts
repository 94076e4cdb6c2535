import type {
  CancelRequest,
  ChatRequest,
  ChatResponse,
  InteractionAnswer,
  ReplyRequest,
  ReplyResponse,
  SessionEvent,
  SessionView,
} from "../protocol/index.js";
import { HangarClientError, errorFromResponse } from "./hangar-client-error.js";
import { watchSessionEvents, type ReconnectOptions, type WatchOptions } from "./watch-session.js";

/**
 * A typed client of Hangar's agent API over HTTP and SSE, on the global
 * `fetch`. Front ends that talk to a server (the CLI's `hangar task`, later
 * the TUI and bridges in remote mode) use it; it knows nothing of the server's
 * code, only the wire protocol (`protocol/`). `SessionFollower` builds on it.
 */
export interface HangarClientOptions {
  /** `http://127.0.0.1:8087`; a trailing slash is fine. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** How `watch` reconnects after a dropped stream. */
  reconnect?: ReconnectOptions;
  /** Another fetch (tests); the global one by default. */
  fetch?: typeof fetch;
}

export class HangarClient {
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly fetch: typeof fetch;
  private readonly reconnect: ReconnectOptions;

  constructor(options: HangarClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.headers = options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` };
    this.fetch = options.fetch ?? globalThis.fetch;
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
        url: (since) => `${this.baseUrl}${path}${since > 0 ? `?since=${since}` : ""}`,
        headers: this.headers,
        fetch: this.fetch,
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

  private async send<Body>(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<Body> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { accept: "application/json", ...this.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new HangarClientError("UNREACHABLE", `cannot reach ${this.baseUrl}: ${cause}`, { cause: error });
    }
    if (!response.ok) throw await errorFromResponse(response);
    const text = await response.text();
    try {
      return JSON.parse(text) as Body;
    } catch (error) {
      throw new HangarClientError("BAD_RESPONSE", `${method} ${path} did not answer JSON`, {
        status: response.status,
        cause: error,
      });
    }
  }
}

export { HangarClientError };
