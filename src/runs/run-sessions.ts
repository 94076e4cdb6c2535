import { HangarError, errorMessage } from "../core/errors.js";
import type { Sandbox, SandboxProcess } from "../sandbox/sandbox-port.js";
import { KernelClient, kernelFiles } from "./kernel-client.js";
import type { RunSessionInfo } from "./run-types.js";

/**
 * Stateful run sessions: one persistent sandbox per (owner, sessionId), with
 * a notebook kernel per stateful language started on first use. Runs in one
 * session are serialised; sessions idle past their TTL are destroyed.
 */
export type KernelKind = keyof typeof kernelFiles;

export const kernelMountPoint = "/opt/hangar/kernels";

const kernelCommands: Record<KernelKind, string[]> = {
  python: ["/usr/bin/python3", `${kernelMountPoint}/${kernelFiles.python}`],
  javascript: ["/usr/bin/node", `${kernelMountPoint}/${kernelFiles.javascript}`],
};

/** A kernel lives as long as its session; setTimeout's maximum is about 24 days. */
const kernelLifetimeMs = 2_147_483_647;

export interface KernelHandle {
  client: KernelClient;
  process: SandboxProcess;
  kill(): void;
}

export interface RunSession {
  readonly id: string;
  readonly owner: string;
  readonly sandbox: Sandbox;
  readonly createdAt: Date;
  lastUsedAt: Date;
  runs: number;
  busy: boolean;
  readonly kernels: Map<KernelKind, KernelHandle>;
  /** Kernels that died (timeout, memory, exit): the next start of one says it restarted. */
  readonly lostKernels: Set<KernelKind>;
  tail: Promise<unknown>;
}

export interface RunSessionsOptions {
  createSandbox(owner: string, sessionId: string): Promise<Sandbox>;
  idleTtlMs: number;
  maxPerOwner: number;
  onError?(message: string): void;
}

export class RunSessions {
  private readonly sessions = new Map<string, Promise<RunSession>>();
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly options: RunSessionsOptions) {
    this.reaper = setInterval(() => void this.reapIdle(), Math.min(30_000, options.idleTtlMs));
    this.reaper.unref();
  }

  get count(): number {
    return this.sessions.size;
  }

  /** Runs `work` with the session, creating it on first use; one run at a time per session. */
  async withSession<T>(
    owner: string,
    sessionId: string,
    work: (session: RunSession) => Promise<T>,
  ): Promise<T> {
    const session = await this.open(owner, sessionId);
    const previous = session.tail;
    let finished!: () => void;
    session.tail = new Promise<void>((resolve) => (finished = resolve));
    await previous.catch(() => undefined);
    session.busy = true;
    try {
      return await work(session);
    } finally {
      session.busy = false;
      session.runs++;
      session.lastUsedAt = new Date();
      finished();
    }
  }

  /** The session's kernel for `kind`, started when missing; `restarted` when an earlier one died. */
  async kernel(session: RunSession, kind: KernelKind): Promise<{ handle: KernelHandle; restarted: boolean }> {
    const existing = session.kernels.get(kind);
    if (existing && existing.client.alive) return { handle: existing, restarted: false };
    const process = await session.sandbox.spawn(
      { argv: kernelCommands[kind] },
      { timeoutMs: kernelLifetimeMs, maxOutputBytes: Number.MAX_SAFE_INTEGER },
    );
    const handle: KernelHandle = { client: new KernelClient(process), process, kill: () => process.kill() };
    session.kernels.set(kind, handle);
    void process.exited.then(() => {
      if (session.kernels.get(kind) === handle) {
        session.kernels.delete(kind);
        session.lostKernels.add(kind);
      }
    });
    try {
      await handle.client.ready();
    } catch (error) {
      handle.kill();
      throw new HangarError("SANDBOX_ERROR", `the ${kind} kernel did not start: ${errorMessage(error)}`);
    }
    const restarted = session.lostKernels.delete(kind);
    return { handle, restarted };
  }

  list(owner: string): RunSessionInfo[] {
    const infos: RunSessionInfo[] = [];
    for (const [key, pending] of this.sessions) {
      if (!key.startsWith(`${owner}\u0000`)) continue;
      const session = settledValue(pending);
      if (session) infos.push(this.describe(session));
    }
    return infos;
  }

  async delete(owner: string, sessionId: string): Promise<boolean> {
    const key = sessionKey(owner, sessionId);
    const pending = this.sessions.get(key);
    if (!pending) return false;
    this.sessions.delete(key);
    await this.destroy(pending);
    return true;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.reaper);
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(all.map((pending) => this.destroy(pending)));
  }

  async reapIdle(now = Date.now()): Promise<number> {
    let reaped = 0;
    for (const [key, pending] of this.sessions) {
      const session = settledValue(pending);
      if (!session || session.busy || now - session.lastUsedAt.getTime() < this.options.idleTtlMs) continue;
      this.sessions.delete(key);
      reaped++;
      await this.destroy(pending);
    }
    return reaped;
  }

  private open(owner: string, sessionId: string): Promise<RunSession> {
    const key = sessionKey(owner, sessionId);
    const existing = this.sessions.get(key);
    if (existing) return existing;
    const owned = [...this.sessions.keys()].filter((candidate) => candidate.startsWith(`${owner}\u0000`));
    if (owned.length >= this.options.maxPerOwner) {
      return Promise.reject(
        new HangarError(
          "TOO_MANY_REQUESTS",
          `you have ${owned.length} run sessions, the most allowed; delete one (DELETE /run/sessions/{sessionId}) or let it expire`,
          { field: "sessionId", retryAfterSeconds: 60 },
        ),
      );
    }
    const created = this.options.createSandbox(owner, sessionId).then((sandbox): RunSession => ({
      id: sessionId,
      owner,
      sandbox,
      createdAt: new Date(),
      lastUsedAt: new Date(),
      runs: 0,
      busy: false,
      kernels: new Map(),
      lostKernels: new Set(),
      tail: Promise.resolve(),
    }));
    this.sessions.set(key, created);
    created.catch(() => this.sessions.delete(key));
    settle(created);
    return created;
  }

  private async destroy(pending: Promise<RunSession>): Promise<void> {
    try {
      const session = await pending;
      for (const handle of session.kernels.values()) handle.kill();
      await session.sandbox.destroy();
    } catch (error) {
      this.options.onError?.(`cannot destroy run session: ${errorMessage(error)}`);
    }
  }

  private describe(session: RunSession): RunSessionInfo {
    return {
      sessionId: session.id,
      owner: session.owner,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      expiresAt: new Date(session.lastUsedAt.getTime() + this.options.idleTtlMs).toISOString(),
      kernels: [...session.kernels.keys()],
      runs: session.runs,
      busy: session.busy,
    };
  }
}

function sessionKey(owner: string, sessionId: string): string {
  return `${owner}\u0000${sessionId}`;
}

/** Synchronous access to a settled promise's value, for listings that must not wait. */
const settledValues = new WeakMap<Promise<RunSession>, RunSession>();
function settle(pending: Promise<RunSession>): void {
  pending.then(
    (session) => settledValues.set(pending, session),
    () => undefined,
  );
}
function settledValue(pending: Promise<RunSession>): RunSession | undefined {
  return settledValues.get(pending);
}
