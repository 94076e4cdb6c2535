import type { Logger } from "pino";
import { errorMessage } from "../core/errors.js";
import { terminalStatuses, type SessionStatus } from "../events/session-events.js";
import type { AgentSessionRepository } from "../store/agent-session-repository.js";
import type { SessionTurnRecord, SessionTurnRepository } from "../store/session-turn-repository.js";
import type { EmitSessionEvent } from "./session-events-emitter.js";
import { SessionSlots } from "./session-slots.js";
import { runTurn, type TurnOutcome, type TurnRunnerOptions } from "./turn-runner.js";
import { TurnStop } from "./turn-stop.js";

/**
 * Drives sessions: one driver per session runs its turns in order (turns of
 * a session are serialised; a prompt sent meanwhile waits in the store), at
 * most `maxConcurrent` sessions at once. On start-up every session the store
 * says was active is driven again from where it stopped.
 */
export interface SessionDriversOptions {
  sessions: AgentSessionRepository;
  turns: SessionTurnRepository;
  emit: EmitSessionEvent;
  maxConcurrent: number;
  logger: Logger;
  /** Everything a turn needs but the per-session parts (filled in here). */
  turnRunner: Omit<TurnRunnerOptions, "setStatus" | "isWaiting" | "idleMilliseconds" | "emit">;
}

interface Driver {
  done: Promise<void>;
  turnController?: AbortController;
  /** Aborts the wait for a slot. */
  waitController: AbortController;
  isWaiting: boolean;
}

export class SessionDrivers {
  readonly #options: SessionDriversOptions;
  readonly #slots: SessionSlots;
  readonly #drivers = new Map<string, Driver>();
  readonly #lastActivity = new Map<string, number>();
  #isStopping = false;

  constructor(options: SessionDriversOptions) {
    this.#options = options;
    this.#slots = new SessionSlots(options.maxConcurrent);
  }

  /** Every event goes through here so the stuck-turn check sees activity. */
  readonly emit: EmitSessionEvent = (sessionId, name, data) => {
    this.#lastActivity.set(sessionId, performance.now());
    return this.#options.emit(sessionId, name, data);
  };

  isDriving(sessionId: string): boolean {
    return this.#drivers.has(sessionId);
  }

  get running(): number {
    return this.#slots.inUse;
  }

  get queued(): number {
    return this.#slots.waiting;
  }

  /** Makes sure the session's queued turns run; returns the status it has now. */
  drive(sessionId: string): SessionStatus {
    const existing = this.#drivers.get(sessionId);
    const session = this.#options.sessions.get(sessionId);
    if (existing !== undefined) {
      const status = session?.status ?? "pending";
      this.emit(sessionId, "session.status", {
        status,
        queued_turns: this.#options.turns.countQueued(sessionId),
      });
      return status;
    }
    if (this.#isStopping) return session?.status ?? "pending";
    const driver: Driver = {
      done: Promise.resolve(),
      waitController: new AbortController(),
      isWaiting: false,
    };
    this.#drivers.set(sessionId, driver);
    const status: SessionStatus = this.#slots.isFree ? "starting" : "pending";
    this.#setStatus(sessionId, status, status === "pending" ? "waiting for a free session slot" : undefined);
    driver.done = this.#run(sessionId, driver).catch((error: unknown) =>
      this.#options.logger.error({ sessionId }, `session driver failed: ${errorMessage(error)}`),
    );
    return status;
  }

  /** Cancels the running turn and every queued one; waits up to `waitMs` for the session to settle. */
  async cancel(sessionId: string, reason: string, waitMs = 2000): Promise<void> {
    this.#cancelQueuedTurns(sessionId, reason);
    const driver = this.#drivers.get(sessionId);
    if (driver === undefined) {
      const session = this.#options.sessions.get(sessionId);
      if (session !== undefined && !terminalStatuses.has(session.status))
        this.#end(sessionId, "cancelled", reason);
      return;
    }
    driver.waitController.abort(new TurnStop("cancelled", reason));
    driver.turnController?.abort(new TurnStop("cancelled", reason));
    await Promise.race([driver.done, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  /** Start-up: drive every session that was active when Hangar stopped. */
  recover(): number {
    const active = this.#options.sessions.listByStatus(["pending", "starting", "running", "waiting"]);
    for (const session of active) {
      const hasWork =
        this.#currentTurn(session.id) !== undefined || this.#options.turns.countQueued(session.id) > 0;
      if (hasWork) this.drive(session.id);
      else this.#end(session.id, "failed", "nothing was left to run after a restart");
    }
    return active.length;
  }

  /** Interrupts every turn; they stay `running` in the store and resume on the next start. */
  async stop(): Promise<void> {
    this.#isStopping = true;
    const stop = new TurnStop("interrupted", "Hangar is shutting down");
    for (const driver of this.#drivers.values()) {
      driver.waitController.abort(stop);
      driver.turnController?.abort(stop);
    }
    await Promise.all([...this.#drivers.values()].map((driver) => driver.done));
  }

  async #run(sessionId: string, driver: Driver): Promise<void> {
    try {
      await this.#drive(sessionId, driver);
    } finally {
      // Synchronously with the last check for queued turns, so a prompt that
      // arrives now starts a new driver instead of being left in the queue.
      if (this.#drivers.get(sessionId) === driver) this.#drivers.delete(sessionId);
      if (!this.#isStopping && this.#options.turns.countQueued(sessionId) > 0) this.drive(sessionId);
    }
  }

  async #drive(sessionId: string, driver: Driver): Promise<void> {
    try {
      await this.#slots.acquire(driver.waitController.signal);
    } catch (error) {
      if (error instanceof TurnStop && error.outcome !== "interrupted")
        this.#end(sessionId, error.outcome, error.message);
      return;
    }
    let last: TurnOutcome | undefined;
    try {
      for (;;) {
        const interrupted = this.#currentTurn(sessionId);
        if (interrupted !== undefined) this.#setStatus(sessionId, "starting", "resumed after a restart");
        const turn = interrupted ?? this.#startNextTurn(sessionId);
        if (turn === undefined) break;
        const session = this.#options.sessions.get(sessionId);
        if (session === undefined) break;
        driver.turnController = new AbortController();
        last = await runTurn(this.#turnRunnerOptions(driver), session, turn, driver.turnController);
        driver.turnController = undefined;
        this.#options.turns.finish(turn.id, last.outcome, last.reason);
        this.emit(sessionId, "turn.end", { turn_id: turn.id, outcome: last.outcome, ...reasonOf(last) });
      }
      if (last !== undefined) this.#end(sessionId, last.outcome, last.reason);
    } catch (error) {
      if (!(error instanceof TurnStop && error.outcome === "interrupted")) throw error;
    } finally {
      this.#slots.release();
    }
  }

  /** Moves the next queued prompt into the conversation and announces the turn. */
  #startNextTurn(sessionId: string): SessionTurnRecord | undefined {
    const turn = this.#options.turns.nextQueued(sessionId);
    const session = this.#options.sessions.get(sessionId);
    if (turn === undefined || session === undefined) return undefined;
    this.#options.sessions.saveMessages(sessionId, [
      ...session.messages,
      { role: "user", content: turn.prompt },
    ]);
    this.#options.turns.start(turn.id, new Date());
    this.emit(sessionId, "turn.start", {
      turn_id: turn.id,
      prompt: turn.prompt,
      model: turn.model ?? session.model,
    });
    return { ...turn, status: "running" };
  }

  #cancelQueuedTurns(sessionId: string, reason: string): void {
    this.#options.turns.cancelQueued(sessionId, reason);
  }

  /** The turn that was running when Hangar stopped (or is running now). */
  #currentTurn(sessionId: string): SessionTurnRecord | undefined {
    return this.#options.turns.listBySession(sessionId).find((turn) => turn.status === "running");
  }

  #turnRunnerOptions(driver: Driver): TurnRunnerOptions {
    return {
      ...this.#options.turnRunner,
      emit: this.emit,
      setStatus: (sessionId, status, reason) => this.#setStatus(sessionId, status, reason),
      isWaiting: () => driver.isWaiting,
      idleMilliseconds: (sessionId) =>
        performance.now() - (this.#lastActivity.get(sessionId) ?? performance.now()),
    };
  }

  /** The broker says a session started or stopped waiting for a human. */
  setWaiting(sessionId: string, isWaiting: boolean): void {
    const driver = this.#drivers.get(sessionId);
    if (driver !== undefined) driver.isWaiting = isWaiting;
    this.#setStatus(sessionId, isWaiting ? "waiting" : "running");
  }

  /** An interaction timed out under the `cancel` policy. */
  cancelTurn(sessionId: string, reason: string): void {
    this.#drivers.get(sessionId)?.turnController?.abort(new TurnStop("cancelled", reason));
  }

  #setStatus(sessionId: string, status: SessionStatus, reason?: string): void {
    const session = this.#options.sessions.get(sessionId);
    if (session === undefined || (session.status === status && reason === undefined)) return;
    this.#options.sessions.updateStatus(sessionId, status, reason);
    this.emit(sessionId, "session.status", { status, ...(reason === undefined ? {} : { reason }) });
  }

  #end(sessionId: string, outcome: "completed" | "failed" | "cancelled", reason?: string): void {
    this.#setStatus(sessionId, outcome, reason);
    this.emit(sessionId, "session.ended", { status: outcome, ...(reason === undefined ? {} : { reason }) });
    this.#lastActivity.delete(sessionId);
  }
}

function reasonOf(outcome: TurnOutcome): { reason?: string } {
  return outcome.reason === undefined ? {} : { reason: outcome.reason };
}
