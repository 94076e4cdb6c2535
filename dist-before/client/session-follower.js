import { isFinalStatus } from "../protocol/index.js";
import { HangarClientError } from "./hangar-client-error.js";
export class SessionFollower {
    sessionId;
    #client;
    #signal;
    /** Events up to this seq had happened before we came: history, not news. */
    #replayUpTo;
    #lastSeq;
    #status;
    #finalStatus;
    /** Open requests by interaction id, in the order they were asked. */
    #pending = new Map();
    /** Open requests already handed to the front end. */
    #handedOver = new Set();
    #isStarted = false;
    constructor(client, session, options) {
        this.#client = client;
        this.#signal = options.signal;
        this.sessionId = session.sessionId;
        this.#status = session.status;
        this.#lastSeq = session.since;
        this.#replayUpTo = session.replayUpTo;
    }
    /**
     * Sends the prompt and follows the session from there: a new session from
     * its first event, a continued one (`session_id`) from the events after
     * those it already had.
     */
    static async start(client, request, options = {}) {
        const since = request.session_id ? await lastSeqOf(client, request.session_id, options.signal) : 0;
        const started = await client.chat(request, options.signal);
        return new SessionFollower(client, { sessionId: started.session_id, status: started.status, since, replayUpTo: since }, options);
    }
    /** Follows an existing session, replaying it from its first event. */
    static async attach(client, sessionId, options = {}) {
        const session = await client.getSession(sessionId, options.signal);
        return new SessionFollower(client, { sessionId: session.session_id, status: session.status, since: 0, replayUpTo: session.last_seq }, options);
    }
    /** The seq of the last event yielded. */
    get lastSeq() {
        return this.#lastSeq;
    }
    /** The status as of the last event yielded. */
    get status() {
        return this.#status;
    }
    /** How the session ended, once the events say so (or the server, when the stream ended quietly). */
    get finalStatus() {
        return this.#finalStatus;
    }
    /** Whether the events yielded so far were history that happened before we attached. */
    get isReplaying() {
        return this.#lastSeq < this.#replayUpTo;
    }
    /** Questions and permission requests nobody has answered yet, oldest first. */
    get pendingInteractions() {
        return [...this.#pending.values()];
    }
    /**
     * Open requests not handed over before, each once: the front end asks its
     * user these. Empty while replaying (a replayed request may already be answered).
     */
    takeNewInteractions() {
        if (this.isReplaying)
            return [];
        const fresh = [...this.#pending.values()].filter((request) => !this.#handedOver.has(request.data.interaction_id));
        for (const request of fresh)
            this.#handedOver.add(request.data.interaction_id);
        return fresh;
    }
    /** Answers a request; 409 CONFLICT (a `HangarClientError`) when someone answered first. */
    reply(interactionId, answer, signal) {
        return this.#client.reply(this.sessionId, interactionId, answer, signal);
    }
    /** Cancels the running turn and queued prompts; the events then say `session.ended`. */
    cancel(signal) {
        return this.#client.cancel(this.sessionId, signal);
    }
    /**
     * The events, in order, until the server ends the stream (the session
     * settled with nothing queued) or the signal aborts. Can be iterated once.
     */
    async *[Symbol.asyncIterator]() {
        if (this.#isStarted)
            throw new Error("a SessionFollower's events can be iterated only once");
        this.#isStarted = true;
        const watch = this.#client.watch(this.sessionId, {
            since: this.#lastSeq,
            ...(this.#signal === undefined ? {} : { signal: this.#signal }),
        });
        for await (const event of watch) {
            if (event.seq <= this.#lastSeq)
                continue;
            this.#lastSeq = event.seq;
            this.#observe(event);
            yield event;
        }
        if (this.#finalStatus === undefined && this.#signal?.aborted !== true) {
            // The stream ended without a session.ended since we came (a settled session, nothing to replay).
            const session = await this.#client.getSession(this.sessionId, this.#signal);
            this.#status = session.status;
            if (isFinalStatus(session.status))
                this.#finalStatus = session.status;
        }
    }
    #observe(event) {
        switch (event.name) {
            case "session.status":
                this.#status = event.data.status;
                // A new prompt reopened the session: the earlier end is no longer the end.
                if (!isFinalStatus(event.data.status))
                    this.#finalStatus = undefined;
                break;
            case "session.ended":
                this.#status = event.data.status;
                this.#finalStatus = event.data.status;
                break;
            case "permission.requested":
            case "question.asked":
                this.#pending.set(event.data.interaction_id, event);
                break;
            case "interaction.resolved":
                this.#pending.delete(event.data.interaction_id);
                this.#handedOver.delete(event.data.interaction_id);
                break;
            default:
                break;
        }
    }
}
/** The newest seq of a session; 0 for an id nobody has yet, which `POST /chat` starts a new session under. */
async function lastSeqOf(client, sessionId, signal) {
    try {
        return (await client.getSession(sessionId, signal)).last_seq;
    }
    catch (error) {
        if (error instanceof HangarClientError && error.code === "SESSION_NOT_FOUND")
            return 0;
        throw error;
    }
}
//# sourceMappingURL=session-follower.js.map