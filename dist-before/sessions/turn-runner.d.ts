import type { StartAgentDriver } from "../agents/agent-driver.js";
import type { LoggedOrigin } from "../events/event-repository.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import type { AgentSessionRecord, AgentSessionRepository } from "./agent-session-repository.js";
import type { InteractionBroker } from "./interaction-broker.js";
import type { EmitSessionEvent } from "./session-events-emitter.js";
import type { SessionTurnRecord, TurnOutcome } from "./session-turn-repository.js";
/**
 * Runs one turn of a session: makes sure its sandbox is there, starts the
 * session's agent driver and gives it the prompt inside the watchdog's limits
 * (wall clock, stuck detection, token budget), and says how the turn ended.
 */
export interface TurnRunnerOptions {
    sessions: AgentSessionRepository;
    /** Only ensuring and opening the project's sandbox. */
    sandboxes: Pick<SandboxService, "ensure" | "open">;
    /** The driver of each agent a session may name (`builtin`, …). */
    agents: Readonly<Record<string, StartAgentDriver>>;
    interactions: InteractionBroker;
    emit: EmitSessionEvent;
    /** The origin of the session's newest event that has one (the event log's `lastOrigin`). */
    lastOrigin(sessionId: string): Promise<LoggedOrigin | undefined>;
    setStatus(sessionId: string, status: "starting" | "running", reason?: string): Promise<void>;
    /** Milliseconds since the session's last event; the stuck-turn check reads it. */
    idleMilliseconds(sessionId: string): number;
    isWaiting(sessionId: string): boolean;
    limits: {
        turnTimeoutMs: number;
        stuckTurnMs: number;
        tokenBudget: number;
    };
    redact(text: string): string;
}
/** How a turn ended and, when it did not complete, why. */
export interface TurnResult {
    outcome: TurnOutcome;
    reason?: string;
}
export declare function runTurn(options: TurnRunnerOptions, session: AgentSessionRecord, turn: SessionTurnRecord, controller: AbortController): Promise<TurnResult>;
