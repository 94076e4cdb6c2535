import { errorMessage } from "../core/errors.js";
import { FairQueue } from "../core/fair-queue.js";
import { terminalStatuses } from "../events/session-events.js";
import { runTurn } from "./turn-runner.js";
import { TurnStop } from "./turn-stop.js";
export class SessionScheduler {
    #options;
    #slots;
    #runs = new Map();
    #lastActivity = new Map();
    #isStopping = false;
    constructor(options) {
        this.#options = options;
        this.#slots = new FairQueue(options.maxConcurrent, options.maxConcurrentPerOwner);
    }
    /** Every event goes through here so the stuck-turn check sees activity. */
    emit = (sessionId, name, data, origin) => {
        this.#lastActivity.set(sessionId, performance.now());
        return this.#options.emit(sessionId, name, data, origin);
    };
    isRunning(sessionId) {
        return this.#runs.has(sessionId);
    }
    get running() {
        return this.#slots.heldCount;
    }
    get queued() {
        return this.#slots.waitingCount;
    }
    /** Makes sure the session's queued turns run; resolves with the status it has now. */
    async schedule(sessionId) {
        if (this.#runs.has(sessionId)) {
            const status = (await this.#options.sessions.get(sessionId))?.status ?? "pending";
            await this.emit(sessionId, "session.status", {
                status,
                queued_turns: await this.#options.turns.countQueued(sessionId),
            });
            return status;
        }
        if (this.#isStopping)
            return (await this.#options.sessions.get(sessionId))?.status ?? "pending";
        // Registered before anything is awaited, so a second prompt sent meanwhile joins this run.
        const run = {
            done: Promise.resolve(),
            waitController: new AbortController(),
            isWaiting: false,
        };
        this.#runs.set(sessionId, run);
        const owner = (await this.#options.sessions.get(sessionId))?.owner ?? "";
        const status = this.#slots.canTakeNow(owner) ? "starting" : "pending";
        const announced = this.#setStatus(sessionId, status, status === "pending" ? "waiting for a free session slot" : undefined);
        run.done = this.#run(sessionId, owner, run, announced).catch((error) => this.#options.logger.error({ sessionId }, `session run failed: ${errorMessage(error)}`));
        await announced;
        return status;
    }
    /** Cancels the running turn and every queued one; waits up to `waitMs` for the session to settle. */
    async cancel(sessionId, reason, waitMs = 2000) {
        await this.#options.turns.cancelQueued(sessionId, reason);
        const run = this.#runs.get(sessionId);
        if (run === undefined) {
            const session = await this.#options.sessions.get(sessionId);
            if (session !== undefined && !terminalStatuses.has(session.status))
                await this.#end(sessionId, "cancelled", reason);
            return;
        }
        run.waitController.abort(new TurnStop("cancelled", reason));
        run.turnController?.abort(new TurnStop("cancelled", reason));
        await Promise.race([run.done, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    }
    /** Start-up: run every session that was active when Hangar stopped; resolves with how many. */
    async recover() {
        const active = await this.#options.sessions.listByStatus(["pending", "starting", "running", "waiting"]);
        for (const session of active) {
            const hasWork = (await this.#currentTurn(session.id)) !== undefined ||
                (await this.#options.turns.countQueued(session.id)) > 0;
            if (hasWork)
                await this.schedule(session.id);
            else
                await this.#end(session.id, "failed", "nothing was left to run after a restart");
        }
        return active.length;
    }
    /** Interrupts every turn; they stay `running` in the store and resume on the next start. */
    async stop() {
        this.#isStopping = true;
        const stop = new TurnStop("interrupted", "Hangar is shutting down");
        for (const run of this.#runs.values()) {
            run.waitController.abort(stop);
            run.turnController?.abort(stop);
        }
        await Promise.all([...this.#runs.values()].map((run) => run.done));
    }
    /** The broker says a session started or stopped waiting for a human. */
    async setWaiting(sessionId, isWaiting) {
        const run = this.#runs.get(sessionId);
        if (run !== undefined)
            run.isWaiting = isWaiting;
        await this.#setStatus(sessionId, isWaiting ? "waiting" : "running");
    }
    /** An interaction timed out under the `cancel` policy. */
    cancelTurn(sessionId, reason) {
        this.#runs.get(sessionId)?.turnController?.abort(new TurnStop("cancelled", reason));
    }
    async #run(sessionId, owner, run, announced) {
        try {
            await announced;
        }
        catch (error) {
            // Not started: the next prompt tries again (retrying here could spin on a broken store).
            if (this.#runs.get(sessionId) === run)
                this.#runs.delete(sessionId);
            throw error;
        }
        try {
            await this.#takeTurns(sessionId, owner, run);
        }
        finally {
            if (this.#runs.get(sessionId) === run)
                this.#runs.delete(sessionId);
            // A prompt enqueued after the last look at the queue but before the run was
            // removed found this run and left its turn to it: start a new run for it.
            if (!this.#isStopping &&
                (await this.#options.turns.countQueued(sessionId)) > 0 &&
                !this.#runs.has(sessionId)) {
                await this.schedule(sessionId);
            }
        }
    }
    async #takeTurns(sessionId, owner, run) {
        try {
            run.releaseSlot = await this.#slots.acquire(owner, run.waitController.signal);
        }
        catch (error) {
            if (error instanceof TurnStop && error.outcome !== "interrupted")
                await this.#end(sessionId, error.outcome, error.message);
            return;
        }
        let last;
        try {
            for (;;) {
                const interrupted = await this.#currentTurn(sessionId);
                if (interrupted !== undefined)
                    await this.#setStatus(sessionId, "starting", "resumed after a restart");
                const turn = interrupted ?? (await this.#startNextTurn(sessionId));
                if (turn === undefined)
                    break;
                const session = await this.#options.sessions.get(sessionId);
                if (session === undefined)
                    break;
                run.turnController = new AbortController();
                last = await runTurn(this.#turnRunnerOptions(run), session, turn, run.turnController);
                run.turnController = undefined;
                await this.#options.turns.finish(turn.id, last.outcome, last.reason);
                await this.emit(sessionId, "turn.end", {
                    turn_id: turn.id,
                    outcome: last.outcome,
                    ...reasonOf(last),
                });
            }
            if (last !== undefined)
                await this.#end(sessionId, last.outcome, last.reason);
        }
        catch (error) {
            if (!(error instanceof TurnStop && error.outcome === "interrupted"))
                throw error;
        }
        finally {
            run.releaseSlot();
        }
    }
    /** Marks the next queued prompt running and announces the turn; the driver adds it to its conversation. */
    async #startNextTurn(sessionId) {
        const turn = await this.#options.turns.nextQueued(sessionId);
        const session = await this.#options.sessions.get(sessionId);
        if (turn === undefined || session === undefined)
            return undefined;
        await this.#options.turns.start(turn.id, new Date());
        await this.emit(sessionId, "turn.start", {
            turn_id: turn.id,
            prompt: turn.prompt,
            model: turn.model ?? session.model,
        });
        return { ...turn, status: "running" };
    }
    /** The turn that was running when Hangar stopped (or is running now). */
    async #currentTurn(sessionId) {
        const turns = await this.#options.turns.listBySession(sessionId);
        return turns.find((turn) => turn.status === "running");
    }
    #turnRunnerOptions(run) {
        return {
            ...this.#options.turnRunner,
            emit: this.emit,
            setStatus: (sessionId, status, reason) => this.#setStatus(sessionId, status, reason),
            isWaiting: () => run.isWaiting,
            idleMilliseconds: (sessionId) => performance.now() - (this.#lastActivity.get(sessionId) ?? performance.now()),
        };
    }
    async #setStatus(sessionId, status, reason) {
        const session = await this.#options.sessions.get(sessionId);
        if (session === undefined || (session.status === status && reason === undefined))
            return;
        await this.#options.sessions.updateStatus(sessionId, status, reason);
        await this.emit(sessionId, "session.status", { status, ...(reason === undefined ? {} : { reason }) });
    }
    async #end(sessionId, outcome, reason) {
        await this.#setStatus(sessionId, outcome, reason);
        await this.emit(sessionId, "session.ended", {
            status: outcome,
            ...(reason === undefined ? {} : { reason }),
        });
        this.#lastActivity.delete(sessionId);
    }
}
function reasonOf(result) {
    return result.reason === undefined ? {} : { reason: result.reason };
}
//# sourceMappingURL=session-scheduler.js.map