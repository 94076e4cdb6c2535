/**
 * Slots shared by many owners (tenants), handed out fairly: at most `size`
 * held at once and at most `maxHeldPerOwner` by one owner; waiters line up per
 * owner, and a freed slot goes to the next owner in turn (round robin), not to
 * whoever queued most. One owner's burst therefore delays another owner's
 * request by at most one slot's hold time, never by the whole burst.
 *
 * Limits on how many may wait are the caller's (it knows what to answer);
 * `waitingFor(owner)` and `waitingCount` tell it.
 */
interface Waiter {
  owner: string;
  grant: () => void;
}

export class FairQueue {
  #held = 0;
  readonly #heldByOwner = new Map<string, number>();
  /** Owners with waiters, in turn order; each owner appears once. */
  readonly #turns: string[] = [];
  readonly #waitingByOwner = new Map<string, Waiter[]>();
  #waitingCount = 0;

  constructor(
    readonly size: number,
    readonly maxHeldPerOwner: number = size,
  ) {}

  get heldCount(): number {
    return this.#held;
  }

  get waitingCount(): number {
    return this.#waitingCount;
  }

  heldBy(owner: string): number {
    return this.#heldByOwner.get(owner) ?? 0;
  }

  waitingFor(owner: string): number {
    return this.#waitingByOwner.get(owner)?.length ?? 0;
  }

  /** True when `owner` would get a slot right now. */
  canTakeNow(owner: string): boolean {
    return (
      this.#held < this.size && this.heldBy(owner) < this.maxHeldPerOwner && this.waitingFor(owner) === 0
    );
  }

  /**
   * Resolves with a release function (idempotent) once a slot is the owner's.
   * A waiter whose signal aborts leaves the line and rejects with `onAbort()`.
   */
  acquire(owner: string, signal?: AbortSignal, onAbort?: () => Error): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(onAbort?.() ?? (signal.reason as Error));
    if (this.canTakeNow(owner)) {
      this.#take(owner);
      return Promise.resolve(this.#releaser(owner));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        grant: () => {
          signal?.removeEventListener("abort", leave);
          resolve(this.#releaser(owner));
        },
      };
      const leave = (): void => {
        this.#removeWaiter(waiter);
        reject(onAbort?.() ?? (signal?.reason as Error));
      };
      signal?.addEventListener("abort", leave, { once: true });
      this.#addWaiter(waiter);
    });
  }

  #take(owner: string): void {
    this.#held++;
    this.#heldByOwner.set(owner, this.heldBy(owner) + 1);
  }

  #releaser(owner: string): () => void {
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      this.#held--;
      const remaining = this.heldBy(owner) - 1;
      if (remaining === 0) this.#heldByOwner.delete(owner);
      else this.#heldByOwner.set(owner, remaining);
      this.#grantWaiting();
    };
  }

  /** Hands free slots to waiting owners in turn, skipping owners at their own limit. */
  #grantWaiting(): void {
    let skipped = 0;
    while (this.#held < this.size && skipped < this.#turns.length) {
      const owner = this.#turns.shift()!;
      const line = this.#waitingByOwner.get(owner)!;
      if (this.heldBy(owner) >= this.maxHeldPerOwner) {
        this.#turns.push(owner);
        skipped++;
        continue;
      }
      skipped = 0;
      const waiter = line.shift()!;
      this.#waitingCount--;
      if (line.length === 0) this.#waitingByOwner.delete(owner);
      else this.#turns.push(owner);
      this.#take(owner);
      waiter.grant();
    }
  }

  #addWaiter(waiter: Waiter): void {
    const line = this.#waitingByOwner.get(waiter.owner);
    if (line === undefined) {
      this.#waitingByOwner.set(waiter.owner, [waiter]);
      this.#turns.push(waiter.owner);
    } else {
      line.push(waiter);
    }
    this.#waitingCount++;
  }

  #removeWaiter(waiter: Waiter): void {
    const line = this.#waitingByOwner.get(waiter.owner);
    const index = line?.indexOf(waiter) ?? -1;
    if (line === undefined || index === -1) return;
    line.splice(index, 1);
    this.#waitingCount--;
    if (line.length > 0) return;
    this.#waitingByOwner.delete(waiter.owner);
    this.#turns.splice(this.#turns.indexOf(waiter.owner), 1);
  }
}
