import type { BridgeHealth } from "./chat-bridge.js";

/**
 * The adapter's reachability as `/status` shows it: "retrying" with the last
 * failure from the first failed call until the next call that succeeds. `since`
 * is when the current state began, so a long outage reads as long.
 */
export class HealthTracker {
  private current: BridgeHealth = { state: "starting", since: new Date() };

  get(): BridgeHealth {
    return this.current;
  }

  starting(): void {
    this.current = { state: "starting", since: new Date() };
  }

  succeeded(): void {
    if (this.current.state === "connected" || this.current.state === "stopped") return;
    this.current = { state: "connected", since: new Date() };
  }

  failed(description: string): void {
    if (this.current.state === "stopped") return;
    const since = this.current.state === "retrying" ? this.current.since : new Date();
    this.current = { state: "retrying", lastError: description, since };
  }

  stopped(): void {
    this.current = { state: "stopped", since: new Date() };
  }
}
