import type { ChatRequest, FinalStatus, InteractionAnswer, InteractionRequestEvent, ReplyResponse, SessionEvent, SessionStatus, SessionView } from "../protocol/index.js";
import type { HangarClient } from "./hangar-client.js";
/**
 * Follows one agent session for a front end (CLI, TUI, chat bridges, MCP):
 * its events in seq order, each exactly once across dropped connections
 * (`HangarClient.watch` resumes with `Last-Event-ID` and skips repeats), the
 * questions and permission requests still waiting for an answer, and how
 * the session ended. It neither reads nor prints anything: the front end
 * renders the events and asks its user.
 *
 * Attaching replays the session from its first event. A request seen during
 * that replay may be answered a few events later, so `takeNewInteractions()`
 * hands requests over only once the replay has caught up, and only those
 * still open.
 */
export interface FollowOptions {
    /** Stops following (the iteration ends quietly) and aborts the requests made to start. */
    signal?: AbortSignal;
}
export declare class SessionFollower implements AsyncIterable<SessionEvent> {
    #private;
    readonly sessionId: string;
    private constructor();
    /**
     * Sends the prompt and follows the session from there: a new session from
     * its first event, a continued one (`session_id`) from the events after
     * those it already had.
     */
    static start(client: HangarClient, request: ChatRequest, options?: FollowOptions): Promise<SessionFollower>;
    /** Follows an existing session, replaying it from its first event. */
    static attach(client: HangarClient, sessionId: string, options?: FollowOptions): Promise<SessionFollower>;
    /** The seq of the last event yielded. */
    get lastSeq(): number;
    /** The status as of the last event yielded. */
    get status(): SessionStatus;
    /** How the session ended, once the events say so (or the server, when the stream ended quietly). */
    get finalStatus(): FinalStatus | undefined;
    /** Whether the events yielded so far were history that happened before we attached. */
    get isReplaying(): boolean;
    /** Questions and permission requests nobody has answered yet, oldest first. */
    get pendingInteractions(): InteractionRequestEvent[];
    /**
     * Open requests not handed over before, each once: the front end asks its
     * user these. Empty while replaying (a replayed request may already be answered).
     */
    takeNewInteractions(): InteractionRequestEvent[];
    /** Answers a request; 409 CONFLICT (a `HangarClientError`) when someone answered first. */
    reply(interactionId: string, answer: InteractionAnswer, signal?: AbortSignal): Promise<ReplyResponse>;
    /** Cancels the running turn and queued prompts; the events then say `session.ended`. */
    cancel(signal?: AbortSignal): Promise<SessionView>;
    /**
     * The events, in order, until the server ends the stream (the session
     * settled with nothing queued) or the signal aborts. Can be iterated once.
     */
    [Symbol.asyncIterator](): AsyncGenerator<SessionEvent>;
}
