import { errorMessage } from "../../core/errors.js";
import type { SandboxLimits } from "../sandbox-port.js";
import type { DockerSandbox } from "./docker-sandbox.js";

export interface WarmPoolOptions {
  size: number;
  /** Limits of pooled sandboxes; only a request with exactly these is served from the pool. */
  limits: SandboxLimits | undefined;
  /** Creates one parked single-use sandbox with no owner yet. */
  build(limits: SandboxLimits): Promise<DockerSandbox>;
  onError?: (message: string) => void;
}

/**
 * Started single-use containers whose keeper waits for a command: claiming
 * one costs nothing, running in it one attach write. Each is handed to exactly
 * one owner and never returns; refills happen one container at a time, when
 * asked (at start and when a sandbox is released), not while a claimed one runs.
 */
export class WarmPool {
  private readonly parked: DockerSandbox[] = [];
  private refilling = false;
  private stopped = false;

  constructor(private readonly options: WarmPoolOptions) {}

  get ready(): number {
    return this.parked.length;
  }

  has(id: string): boolean {
    return this.parked.some((sandbox) => sandbox.id === id);
  }

  matches(limits: SandboxLimits): boolean {
    const poolLimits = this.options.limits;
    return (
      poolLimits !== undefined &&
      (Object.keys(poolLimits) as (keyof SandboxLimits)[]).every((key) => poolLimits[key] === limits[key])
    );
  }

  /** The first pooled sandbox whose keeper still waits (an engine restart ends them all). */
  claim(): DockerSandbox | undefined {
    for (let sandbox = this.parked.shift(); sandbox; sandbox = this.parked.shift()) {
      if (sandbox.isParked) return sandbox;
      void sandbox.destroy().catch((error: unknown) => this.report(error));
    }
    return undefined;
  }

  /** Tops the pool up in the background; a failure retries a second later. */
  refill(): void {
    const limits = this.options.limits;
    if (this.refilling || this.stopped || !limits || this.parked.length >= this.options.size) return;
    this.refilling = true;
    void (async () => {
      try {
        while (!this.stopped && this.parked.length < this.options.size) {
          const sandbox = await this.options.build(limits);
          if (this.stopped) await sandbox.destroy();
          else this.parked.push(sandbox);
        }
      } catch (error) {
        this.report(error);
        setTimeout(() => this.refill(), 1000).unref();
      } finally {
        this.refilling = false;
      }
    })();
  }

  /** Stops refilling and hands back what was parked, for destruction. */
  drain(): DockerSandbox[] {
    this.stopped = true;
    return this.parked.splice(0);
  }

  private report(error: unknown): void {
    this.options.onError?.(`warm pool refill failed, retrying in 1 s: ${errorMessage(error)}`);
  }
}
