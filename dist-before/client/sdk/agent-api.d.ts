import type { ApprovalPolicy, InteractionAnswer, ReplyResponse, SessionView } from "../../protocol/index.js";
import type { HangarClient } from "../hangar-client.js";
import { SessionFollower } from "../session-follower.js";
/** `agent.start`'s options, camelCase for `POST /chat`'s fields. */
export interface StartAgentOptions {
    /** The project whose sandbox the agent works in; `default` when absent. */
    projectId?: string;
    /** Continue this session (or start one under this id). */
    sessionId?: string;
    /** The user within the owner (selects the sandbox). */
    userId?: string;
    /** `provider:model`; the server's default when absent. */
    model?: string;
    approval?: ApprovalPolicy;
    /** `builtin` or an installed external agent. */
    agent?: string;
    /** Stops following and aborts the start. */
    signal?: AbortSignal;
}
/**
 * Agent sessions. `start` and `attach` answer a `SessionFollower`: an
 * AsyncIterable of typed `SessionEvent`s, each once and in order, that
 * resumes with `Last-Event-ID` after a dropped connection; it also tracks
 * pending questions and permission requests and can `reply` and `cancel`.
 */
export declare class AgentApi {
    #private;
    constructor(client: HangarClient);
    start(prompt: string, options?: StartAgentOptions): Promise<SessionFollower>;
    /** Follows an existing session, replayed from its first event. */
    attach(sessionId: string, signal?: AbortSignal): Promise<SessionFollower>;
    /** Answers a permission request (`{approved}`) or a question (`{answer}`); 409 CONFLICT when already resolved. */
    reply(sessionId: string, interactionId: string, answer: InteractionAnswer, signal?: AbortSignal): Promise<ReplyResponse>;
    /** Cancels the running turn and queued prompts; answers once the session settled. */
    cancel(sessionId: string, signal?: AbortSignal): Promise<SessionView>;
    get(sessionId: string, signal?: AbortSignal): Promise<SessionView>;
}
