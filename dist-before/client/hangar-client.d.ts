import type { ChatRequest, ChatResponse, InteractionAnswer, ReplyResponse, SessionEvent, SessionView } from "../protocol/index.js";
import { HangarClientError } from "./hangar-client-error.js";
import { HttpTransport, type TransportOptions } from "./http-transport.js";
import { type ReconnectOptions, type WatchOptions } from "./watch-session.js";
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
export declare class HangarClient {
    readonly baseUrl: string;
    private readonly transport;
    private readonly reconnect;
    /** From options, or over a transport the caller shares (the SDK sends everything through one). */
    constructor(options: HangarClientOptions | {
        transport: HttpTransport;
        reconnect?: ReconnectOptions;
    });
    /** Starts a session, or continues one when `session_id` is given; answers at once. */
    chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
    /** The session's events from `since` on, following it live until it settles; see `watchSessionEvents`. */
    watch(sessionId: string, options?: WatchOptions): AsyncIterable<SessionEvent>;
    /** Answers a permission request (`{approved}`) or a question (`{answer}`); 409 CONFLICT when already resolved. */
    reply(sessionId: string, interactionId: string, answer: InteractionAnswer, signal?: AbortSignal): Promise<ReplyResponse>;
    /** Cancels the running turn and queued prompts; answers once the session has settled. */
    cancel(sessionId: string, signal?: AbortSignal): Promise<SessionView>;
    getSession(sessionId: string, signal?: AbortSignal): Promise<SessionView>;
    private send;
}
export { HangarClientError };
