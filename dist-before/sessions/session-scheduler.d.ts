import type { Logger } from "pino";
import { type SessionStatus } from "../events/session-events.js";
import type { AgentSessionRepository } from "./agent-session-repository.js";
import type { EmitSessionEvent } from "./session-events-emitter.js";
import type { SessionTurnRepository } from "./session-turn-repository.js";
import { type TurnRunnerOptions } from "./turn-runner.js";
/**
 * Schedules sessions' turns: one run per session takes its turns in order
 * (turns of a session are serialised; a prompt sent meanwhile waits in the
 * store), at most `maxConcurrent` sessions at once and `maxConcurrentPerOwner`
 * of one owner, the rest wait as `pending`; a freed slot goes to the waiting
 * owners in turn, so one owner's many sessions cannot keep another's waiting. On start-up every session the store says was active is run again
 * from where it stopped. Running a turn is `runTurn`'s job, and the agent's
 * work is its driver's.
 */
export interface SessionSchedulerOptions {
    sessions: AgentSessionRepository;
    turns: SessionTurnRepository;
    emit: EmitSessionEvent;
    maxConcurrent: number;
    maxConcurrentPerOwner: number;
    logger: Logger;
    /** Everything a turn needs but the per-session parts (filled in here). */
    turnRunner: Omit<TurnRunnerOptions, "setStatus" | "isWaiting" | "idleMilliseconds" | "emit">;
}
export declare class SessionScheduler {
    #private;
    constructor(options: SessionSchedulerOptions);
    /** Every event goes through here so the stuck-turn check sees activity. */
    readonly emit: EmitSessionEvent;
    isRunning(sessionId: string): boolean;
    get running(): number;
    get queued(): number;
    /** Makes sure the session's queued turns run; resolves with the status it has now. */
    schedule(sessionId: string): Promise<SessionStatus>;
    /** Cancels the running turn and every queued one; waits up to `waitMs` for the session to settle. */
    cancel(sessionId: string, reason: string, waitMs?: number): Promise<void>;
    /** Start-up: run every session that was active when Hangar stopped; resolves with how many. */
    recover(): Promise<number>;
    /** Interrupts every turn; they stay `running` in the store and resume on the next start. */
    stop(): Promise<void>;
    /** The broker says a session started or stopped waiting for a human. */
    setWaiting(sessionId: string, isWaiting: boolean): Promise<void>;
    /** An interaction timed out under the `cancel` policy. */
    cancelTurn(sessionId: string, reason: string): void;
}
