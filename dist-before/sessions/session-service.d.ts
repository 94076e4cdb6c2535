import { type ApprovalPolicy } from "../agents/builtin/approval-policy.js";
import type { EventLog, EventSubscription } from "../events/event-log.js";
import { type SessionEvent } from "../events/session-events.js";
import type { AgentSessionRepository } from "./agent-session-repository.js";
import type { InteractionAnswer, InteractionBroker, InteractionResolution } from "./interaction-broker.js";
import type { SessionScheduler } from "./session-scheduler.js";
import type { SessionTurnRepository } from "./session-turn-repository.js";
import { type SessionView } from "./session-view.js";
import type { ChatResponse } from "../protocol/agent-requests.js";
/**
 * Agent sessions as users see them: start one with a prompt, continue it,
 * watch and page its events, answer its questions, cancel it, stop a
 * project's agents. Running the turns is `SessionScheduler`'s job.
 */
export interface ChatRequest {
    prompt: string;
    projectId: string;
    sessionId?: string;
    userId?: string;
    model?: string;
    approval?: string;
    agent?: string;
}
export type { ChatResponse } from "../protocol/agent-requests.js";
export interface SessionServiceOptions {
    sessions: AgentSessionRepository;
    turns: SessionTurnRepository;
    events: EventLog;
    interactions: InteractionBroker;
    scheduler: SessionScheduler;
    /** Resolves a model name; throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`). */
    resolveModel(name: string | undefined): {
        id: string;
    };
    defaultApproval: ApprovalPolicy;
    /** The agent a new session gets (the default when absent); throws for an unknown or missing one (field `agent`). */
    resolveAgent(name: string | undefined): string | Promise<string>;
    now?: () => Date;
}
export declare class SessionService {
    #private;
    constructor(options: SessionServiceOptions);
    chat(owner: string, request: ChatRequest): Promise<ChatResponse>;
    get(owner: string, sessionId: string): Promise<SessionView>;
    list(owner: string, projectId?: string): Promise<SessionView[]>;
    /** A JSON page of the event log. */
    events(owner: string, sessionId: string, since?: number, limit?: number): Promise<{
        events: SessionEvent[];
        next_since: number;
    }>;
    /** Every event after `since`, then live ones, exactly once each. */
    subscribe(owner: string, sessionId: string, since?: number): Promise<EventSubscription>;
    /** Whether a watcher that has seen up to `seq` has seen the end: the session is over and nothing is queued. */
    isSettled(sessionId: string, seq: number): Promise<boolean>;
    reply(owner: string, sessionId: string, interactionId: string, answer: InteractionAnswer): Promise<InteractionResolution>;
    /** Cancels the running turn and drops queued ones; resolves once the session has settled (at most ~2 s). */
    cancel(owner: string, sessionId: string, reason?: string): Promise<SessionView>;
    /** Stops every agent of a project; its sandbox stays. */
    stopProject(owner: string, projectId: string): Promise<{
        project_id: string;
        stopped: string[];
    }>;
    projectStatus(owner: string, projectId: string): Promise<{
        project_id: string;
        status: "idle" | "busy" | "waiting";
        sessions: SessionView[];
    }>;
}
