import { HangarClientError } from "./hangar-client-error.js";
import { HttpTransport } from "./http-transport.js";
import { watchSessionEvents } from "./watch-session.js";
export class HangarClient {
    baseUrl;
    transport;
    reconnect;
    /** From options, or over a transport the caller shares (the SDK sends everything through one). */
    constructor(options) {
        this.transport = "transport" in options ? options.transport : new HttpTransport(options);
        this.baseUrl = this.transport.baseUrl;
        this.reconnect = options.reconnect ?? {};
    }
    /** Starts a session, or continues one when `session_id` is given; answers at once. */
    chat(request, signal) {
        return this.send("POST", "/chat", request, signal);
    }
    /** The session's events from `since` on, following it live until it settles; see `watchSessionEvents`. */
    watch(sessionId, options = {}) {
        const path = `/agent/progress/${encodeURIComponent(sessionId)}`;
        return watchSessionEvents({
            url: (since) => this.transport.url(path, { since: since > 0 ? since : undefined }),
            headers: { ...this.transport.headers },
            fetch: this.transport.fetch,
            reconnect: this.reconnect,
        }, options);
    }
    /** Answers a permission request (`{approved}`) or a question (`{answer}`); 409 CONFLICT when already resolved. */
    reply(sessionId, interactionId, answer, signal) {
        return this.send("POST", `/agent/sessions/${encodeURIComponent(sessionId)}/reply`, { interaction_id: interactionId, ...answer }, signal);
    }
    /** Cancels the running turn and queued prompts; answers once the session has settled. */
    cancel(sessionId, signal) {
        const body = { session_id: sessionId };
        return this.send("POST", "/agent/session/cancel", body, signal);
    }
    getSession(sessionId, signal) {
        return this.send("GET", `/agent/sessions/${encodeURIComponent(sessionId)}`, undefined, signal);
    }
    send(method, path, body, signal) {
        return this.transport.json(method, path, { json: body, signal });
    }
}
export { HangarClientError };
//# sourceMappingURL=hangar-client.js.map