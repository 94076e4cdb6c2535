import { GrammyError } from "grammy";
import type { Update } from "grammy/types";
import { delay } from "../../core/abort.js";
import { errorMessage } from "../../core/errors.js";
import type { HealthTracker } from "../health-tracker.js";
import type { RoutedEvent } from "./inbound-events.js";
import { Backoff, type RetryPolicy, retryAfterMilliseconds } from "../retry-policy.js";

/** Where the next getUpdates offset survives a restart (the bridge's SQLite table in production). */
export interface UpdateOffsetStore {
  load(): Promise<number | undefined>;
  save(offset: number): Promise<void>;
}

export interface UpdatePollerOptions {
  readonly getUpdates: (
    offset: number | undefined,
    timeoutSeconds: number,
    signal: AbortSignal,
  ) => Promise<Update[]>;
  readonly route: (update: Update) => RoutedEvent | undefined;
  readonly handle: (routed: RoutedEvent) => Promise<void>;
  readonly offsetStore: UpdateOffsetStore;
  readonly health: HealthTracker;
  readonly policy: RetryPolicy;
  readonly pollTimeoutSeconds: number;
  readonly onError: (error: unknown, during: string) => void;
}

/**
 * Long polling with a durable offset. Telegram drops an update once getUpdates is
 * called with a higher offset, so the poller asks for the next batch only after
 * the handler finished the current one, and saves each finished update's offset:
 * a crash re-delivers the updates in flight instead of losing them. Within a batch
 * each chat's updates run in order, chats side by side; the handler is expected to
 * return once an event is accepted (a task started, an answer recorded), not to
 * wait on later updates, which cannot arrive before it returns.
 */
export class UpdatePoller {
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: UpdatePollerOptions) {}

  /** Reads the stored offset (a store that cannot be read fails the start) and begins polling. */
  async start(): Promise<void> {
    const offset = await this.options.offsetStore.load();
    this.loop = this.run(offset).catch((error: unknown) => {
      this.options.health.failed(`polling ended: ${errorMessage(error)}`);
      this.options.onError(error, "polling");
    });
  }

  /** Aborts the long poll, lets a running handler finish, and skips the batch's handlers that had not started. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  private async run(stored: number | undefined): Promise<void> {
    const { signal } = this.controller;
    const backoff = new Backoff(this.options.policy);
    let offset = stored;
    // After a failure one poll with timeout 0 proves the way back at once, instead of a long poll later.
    let probing = false;
    while (!signal.aborted) {
      let batch: Update[];
      try {
        batch = await this.options.getUpdates(offset, probing ? 0 : this.options.pollTimeoutSeconds, signal);
      } catch (error) {
        if (signal.aborted) break;
        probing = true;
        if (error instanceof GrammyError && error.error_code === 429) {
          await delay(retryAfterMilliseconds(error.parameters.retry_after), signal).catch(() => undefined);
          continue;
        }
        this.options.health.failed(`getUpdates: ${errorMessage(error)}`);
        await backoff.wait(signal).catch(() => undefined);
        continue;
      }
      this.options.health.succeeded();
      backoff.reset();
      probing = false;
      if (batch.length === 0) continue;
      const finished = await this.dispatch(batch);
      if (finished !== undefined) offset = finished;
    }
  }

  /** Runs a batch's handlers and returns the offset after the last update finished in order. */
  private async dispatch(batch: Update[]): Promise<number | undefined> {
    const done = new Set<number>();
    let committed: number | undefined;
    let saving = Promise.resolve();
    const advance = () => {
      let next = committed;
      for (const update of batch) {
        if (!done.has(update.update_id)) break;
        next = update.update_id + 1;
      }
      if (next === undefined || next === committed) return;
      committed = next;
      const offset = next;
      saving = saving.then(() =>
        this.options.offsetStore
          .save(offset)
          .catch((error: unknown) => this.options.onError(error, "saving the update offset")),
      );
    };
    const chats = new Map<string, { update: Update; routed: RoutedEvent | undefined }[]>();
    for (const update of batch) {
      const routed = this.route(update);
      const key = routed?.chatKey ?? "";
      const queue = chats.get(key) ?? [];
      queue.push({ update, routed });
      chats.set(key, queue);
    }
    await Promise.all(
      [...chats.values()].map(async (queue) => {
        for (const { update, routed } of queue) {
          if (this.controller.signal.aborted) return;
          if (routed) {
            await this.options
              .handle(routed)
              .catch((error: unknown) => this.options.onError(error, `handling update ${update.update_id}`));
          }
          done.add(update.update_id);
          advance();
        }
      }),
    );
    await saving;
    return committed;
  }

  private route(update: Update): RoutedEvent | undefined {
    try {
      return this.options.route(update);
    } catch (error) {
      this.options.onError(error, `reading update ${update.update_id}`);
      return undefined;
    }
  }
}
