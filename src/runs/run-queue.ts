import { FairQueue } from "../core/fair-queue.js";
import { HangarError } from "../core/errors.js";

export interface RunQueueLimits {
  maxConcurrent: number;
  /** Runs waiting, all owners together. */
  maxQueue: number;
  /** Runs one owner may have executing at once. */
  maxRunningPerOwner: number;
  /** Runs one owner may have waiting: one tenant's burst cannot fill the queue for everyone. */
  maxQueuedPerOwner: number;
}

/**
 * Which line a run waits in. A one-shot run creates and tears down a sandbox; a
 * session run is one cell in a kernel that is already running (a few ms). They
 * wait in separate lanes with the same limits each: a session step queued behind
 * one-shots would wait for their sandboxes' set-up and tear-down, turning a 2 ms
 * interactive step into tens of ms under a one-shot burst.
 */
export type RunLane = "one-shot" | "session";

/**
 * Bounds how many runs execute at once and how many may wait, overall and per
 * owner, and starts waiting runs owner by owner in turn, in each lane. Past a
 * limit, a caller is told to come back (429 with Retry-After) instead of piling
 * up memory and latency.
 */
export class RunQueue {
  readonly #lanes: Record<RunLane, FairQueue>;

  constructor(readonly limits: RunQueueLimits) {
    this.#lanes = {
      "one-shot": new FairQueue(limits.maxConcurrent, limits.maxRunningPerOwner),
      session: new FairQueue(limits.maxConcurrent, limits.maxRunningPerOwner),
    };
  }

  get maxConcurrent(): number {
    return this.limits.maxConcurrent;
  }

  get maxQueue(): number {
    return this.limits.maxQueue;
  }

  get runningCount(): number {
    return this.#lanes["one-shot"].heldCount + this.#lanes.session.heldCount;
  }

  get queuedCount(): number {
    return this.#lanes["one-shot"].waitingCount + this.#lanes.session.waitingCount;
  }

  /**
   * Resolves with a release function once the owner's run may start. Past a limit it throws at
   * once (not in the Promise): an asynchronous run is refused before it is answered 202.
   */
  acquire(owner: string, signal?: AbortSignal, lane: RunLane = "one-shot"): Promise<() => void> {
    const slots = this.#lanes[lane];
    const runs = lane === "session" ? "session runs" : "runs";
    if (!slots.canTakeNow(owner)) {
      const queuedByOwner = slots.waitingFor(owner);
      if (queuedByOwner >= this.limits.maxQueuedPerOwner) {
        throw new HangarError(
          "TOO_MANY_REQUESTS",
          `too many ${runs} of yours: ${slots.heldBy(owner)} running and ${queuedByOwner} queued (at most ${this.limits.maxQueuedPerOwner} may wait); retry shortly`,
          { retryAfterSeconds: 1 },
        );
      }
      if (slots.waitingCount >= this.limits.maxQueue) {
        throw new HangarError(
          "TOO_MANY_REQUESTS",
          `too many ${runs}: ${slots.heldCount} running and ${slots.waitingCount} queued; retry shortly`,
          { retryAfterSeconds: 1 },
        );
      }
    }
    return slots.acquire(
      owner,
      signal,
      () => new HangarError("BAD_REQUEST", "the run was cancelled while queued"),
    );
  }
}
