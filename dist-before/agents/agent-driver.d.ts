import type { LoggedOrigin } from "../events/event-repository.js";
import type { SessionEventPayloads } from "../events/session-events.js";
import type { Sandbox } from "../sandbox/sandbox-port.js";
import type { ApprovalPolicy } from "./builtin/approval-policy.js";
/**
 * The port between agent sessions and an agent: Hangar's own loop (`builtin/`)
 * or, next, an external agent spoken to over the Agent Client Protocol inside
 * the sandbox. The session side owns everything around a prompt — the turn
 * queue, the sandbox, the watchdog, the event log, the interaction broker, the
 * token budget — and hands a driver a context; the driver owns its
 * conversation and produces events.
 *
 * Events are pushed through `context.emit` rather than returned as an iterator
 * because they are born in callbacks (a tool's output stream, an external
 * agent's notifications) as often as in the driver's own loop. Questions and
 * permission requests go through `context.interactions`, which stores them,
 * announces them and resolves with whichever front end answers first, so a
 * driver never needs a reply entry point of its own.
 */
/** What a driver may add to the session's log; the session side emits the rest (status, turns, usage, errors). */
export type AgentEventName = "session.status" | "message.delta" | "message.end" | "reasoning.delta" | "plan.update" | "tool.start" | "tool.delta" | "tool.end" | "error" | "egress.allowed" | "egress.denied";
export type AgentEvent = {
    [Name in AgentEventName]: {
        name: Name;
        data: SessionEventPayloads[Name];
    };
}[AgentEventName];
export interface PermissionRequest {
    toolCallId: string;
    tool: string;
    input: unknown;
    /** One line a human can approve or deny, e.g. `bash: pytest -q`. */
    summary: string;
    /** An external agent's options (ACP option ids); the answer may name one. */
    choices?: string[];
}
/** A permission decision: approved or not, and the option a human named, if any. */
export interface PermissionDecision {
    approved: boolean;
    choice?: string;
}
export interface QuestionRequest {
    toolCallId: string;
    question: string;
    choices?: string[];
}
/**
 * A human in the loop. Asking again for the same tool call (a prompt resumed
 * after a restart) finds the stored interaction instead of asking twice.
 */
export interface AgentInteractions {
    /** Resolves true when approved; false when denied or timed out. */
    requestPermission(request: PermissionRequest, signal: AbortSignal): Promise<boolean>;
    /** Like `requestPermission`, and says which of `request.choices` the human named, if any. */
    decidePermission(request: PermissionRequest, signal: AbortSignal): Promise<PermissionDecision>;
    /** Resolves with the answer, or undefined when nobody answered in time. */
    askUser(request: QuestionRequest, signal: AbortSignal): Promise<string | undefined>;
}
/** What the driver keeps between prompts and restarts besides its conversation (any JSON value). */
export interface AgentDriverState {
    load(): Promise<unknown>;
    save(state: unknown): Promise<void>;
}
export interface AgentDriverContext {
    readonly sessionId: string;
    /** The project's sandbox; everything the agent runs, runs here. */
    readonly sandbox: Sandbox;
    /**
     * Appends an event to the session's log: stored, then sent to every watcher, in call order.
     * `origin`: where it came from in the driver's own source (an external agent runner's event
     * number), stored in the same insert, so `lastOrigin` knows after a crash what is logged.
     */
    emit(event: AgentEvent, origin?: number): void;
    /** The origin of the newest logged event that has one, once every emit so far is stored. */
    lastOrigin(): Promise<LoggedOrigin | undefined>;
    readonly interactions: AgentInteractions;
    /** Adds a model call's tokens to the session; rejects (QUOTA_EXCEEDED) once its budget is spent. */
    recordUsage(inputTokens: number, outputTokens: number): Promise<void>;
    readonly state: AgentDriverState;
}
export interface AgentPrompt {
    turnId: string;
    text: string;
    /** `provider:model`, already checked by the model registry. */
    model: string;
    approval: ApprovalPolicy;
}
export interface AgentDriver {
    /**
     * Runs one prompt until the agent answers; rejects when it fails or the
     * signal aborts (with the signal's reason). A prompt whose turn was
     * interrupted by a restart is continued where it stopped, not started again.
     */
    prompt(prompt: AgentPrompt, signal: AbortSignal): Promise<void>;
    /**
     * The prompt ended early (cancelled, failed): leave the agent ready for the
     * next one, e.g. answer tool calls that will never finish.
     */
    abandon(reason: string): Promise<void>;
    /** Releases what the driver holds (an external agent's process); the session may start another later. */
    close(): Promise<void>;
}
/** Starts the driver of one agent (`builtin`, …) for one session. */
export type StartAgentDriver = (context: AgentDriverContext) => Promise<AgentDriver>;
