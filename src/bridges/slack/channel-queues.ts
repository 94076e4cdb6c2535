/**
 * Runs tasks one at a time per key (a Slack channel) and in arrival order, while
 * different channels proceed side by side. `idle()` resolves once every queued
 * task has finished, so `stop()` can wait for the handlers it started.
 */
export class ChannelQueues {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(key: string, task: () => Promise<void>): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch(this.onError);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
