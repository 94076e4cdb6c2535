import { HangarError, errorMessage } from "../core/errors.js";
import type { Sandbox, SandboxProcess } from "../sandbox/sandbox-port.js";
import { KernelClient, kernelFiles } from "./kernel-client.js";
import type { NotebookInfo, RunResult } from "./run-types.js";

/**
 * Notebooks (stateful runs, `sessionId` in the API): one persistent sandbox per (owner, sessionId), with
 * a notebook kernel per stateful language started on first use. Runs in one
 * session are serialised; sessions idle past their TTL are destroyed.
 *
 * Between runs a notebook's sandbox is frozen (a paused notebook), 50 ms
 * after a run unless the next one came: a thread, timer or child that a run
 * left busy uses no CPU until the next run thaws it, and keeps its state. The CPU its sandbox used in all is held to a
 * budget, checked after each run, for what runs between the freezes.
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

export interface Notebook {
  readonly id: string;
  readonly owner: string;
  readonly sandbox: Sandbox;
  readonly createdAt: Date;
  lastUsedAt: Date;
  runs: number;
  /** Cells run so far, counted when each starts: the next one's executionCount is one more. */
  executions: number;
  busy: boolean;
  readonly kernels: Map<KernelKind, KernelHandle>;
  /** Kernels that died (timeout, memory, exit): the next start of one says it restarted. */
  readonly lostKernels: Set<KernelKind>;
  tail: Promise<unknown>;
  /** Set when the notebook must end after its current run (its CPU budget is spent). */
  endsBecause?: NotebookEndReason;
  /** Pending between a run's end and the freeze after it. */
  freezeTimer?: NodeJS.Timeout;
  /** The freeze since the last run, once started: whether it froze the sandbox. */
  frozen?: Promise<boolean>;
}

/** Why a notebook was ended by Hangar rather than its owner or its idle time. */
export type NotebookEndReason = NonNullable<RunResult["sessionEnded"]>;

export interface CpuBudgetReport {
  usedSeconds: number;
  budgetSeconds: number;
}

export interface NotebooksOptions {
  createSandbox(owner: string, sessionId: string): Promise<Sandbox>;
  idleTtlMs: number;
  maxPerOwner: number;
  /** CPU seconds a notebook's sandbox may use in all (runs and what they leave going); none when absent. */
  cpuBudgetSeconds?: number;
  /**
   * Idle time after a run before the sandbox is frozen (default 50 ms): runs in
   * quick succession skip the freeze and thaw, 2-3 ms each on cgroup v1.
   */
  freezeDelayMs?: number;
  onError?(message: string): void;
}

export class Notebooks {
  private readonly notebooks = new Map<string, Promise<Notebook>>();
  /**
   * Notebooks Hangar ended, by key, with the kernels they had and when: the next
   * one there reports them restarted; forgotten after the idle TTL.
   */
  private readonly ended = new Map<string, { kernels: KernelKind[]; at: number }>();
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly options: NotebooksOptions) {
    this.reaper = setInterval(() => void this.reapIdle(), Math.min(30_000, options.idleTtlMs));
    this.reaper.unref();
  }

  get count(): number {
    return this.notebooks.size;
  }

  /** Runs `work` with the notebook, creating it on first use; one run at a time per notebook. */
  async withNotebook<T>(
    owner: string,
    sessionId: string,
    work: (notebook: Notebook) => Promise<T>,
  ): Promise<T> {
    const notebook = await this.open(owner, sessionId);
    const previous = notebook.tail;
    let finished!: () => void;
    notebook.tail = new Promise<void>((resolve) => (finished = resolve));
    await previous.catch(() => undefined);
    if (notebook.endsBecause) {
      // The run before this one spent the budget and ended the notebook: this one gets a fresh one.
      finished();
      return this.withNotebook(owner, sessionId, work);
    }
    notebook.busy = true;
    try {
      if (await this.wake(notebook)) {
        // Queued ahead of this run's request, inside its timeout: a kernel stuck since the thaw times the run out.
        for (const handle of notebook.kernels.values()) void handle.client.collectBackground();
      }
      return await work(notebook);
    } finally {
      notebook.busy = false;
      notebook.runs++;
      notebook.lastUsedAt = new Date();
      void this.afterRun(notebook).finally(finished);
    }
  }

  /**
   * Ends the notebook after its current run when its sandbox used more CPU
   * than the budget; call it at the end of a run. Undefined while within it,
   * or where the CPU is not counted.
   */
  async spentCpuBudget(notebook: Notebook): Promise<CpuBudgetReport | undefined> {
    const budgetSeconds = this.options.cpuBudgetSeconds;
    if (budgetSeconds === undefined) return undefined;
    const usedSeconds = await notebook.sandbox.cpuUsageSeconds?.().catch(() => undefined);
    if (usedSeconds === undefined || usedSeconds <= budgetSeconds) return undefined;
    notebook.endsBecause = "cpu_budget";
    return { usedSeconds, budgetSeconds };
  }

  /** The notebook's kernel for `kind`, started when missing; `restarted` when an earlier one died. */
  async kernel(notebook: Notebook, kind: KernelKind): Promise<{ handle: KernelHandle; restarted: boolean }> {
    const existing = notebook.kernels.get(kind);
    if (existing && existing.client.alive) return { handle: existing, restarted: false };
    const process = await notebook.sandbox.spawn(
      { argv: kernelCommands[kind] },
      { timeoutMs: kernelLifetimeMs, maxOutputBytes: Number.MAX_SAFE_INTEGER },
    );
    const handle: KernelHandle = { client: new KernelClient(process), process, kill: () => process.kill() };
    notebook.kernels.set(kind, handle);
    void process.exited.then(() => {
      if (notebook.kernels.get(kind) === handle) {
        notebook.kernels.delete(kind);
        notebook.lostKernels.add(kind);
      }
    });
    try {
      await handle.client.ready();
    } catch (error) {
      handle.kill();
      throw new HangarError("SANDBOX_ERROR", `the ${kind} kernel did not start: ${errorMessage(error)}`);
    }
    const restarted = notebook.lostKernels.delete(kind);
    return { handle, restarted };
  }

  list(owner: string): NotebookInfo[] {
    const infos: NotebookInfo[] = [];
    for (const [key, pending] of this.notebooks) {
      if (!key.startsWith(`${owner}\u0000`)) continue;
      const notebook = settledValue(pending);
      if (notebook) infos.push(this.describe(notebook));
    }
    return infos;
  }

  async delete(owner: string, sessionId: string): Promise<boolean> {
    const key = sessionKey(owner, sessionId);
    const pending = this.notebooks.get(key);
    if (!pending) return false;
    this.notebooks.delete(key);
    await this.destroy(pending);
    return true;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.reaper);
    const all = [...this.notebooks.values()];
    this.notebooks.clear();
    await Promise.allSettled(all.map((pending) => this.destroy(pending)));
  }

  async reapIdle(now = Date.now()): Promise<number> {
    for (const [key, ended] of this.ended) {
      if (now - ended.at >= this.options.idleTtlMs) this.ended.delete(key);
    }
    let reaped = 0;
    for (const [key, pending] of this.notebooks) {
      const notebook = settledValue(pending);
      if (!notebook || notebook.busy || now - notebook.lastUsedAt.getTime() < this.options.idleTtlMs)
        continue;
      this.notebooks.delete(key);
      reaped++;
      await this.destroy(pending);
    }
    return reaped;
  }

  /** Freezes the notebook once it idled for the freeze delay, or ends it when it must end. */
  private async afterRun(notebook: Notebook): Promise<void> {
    if (notebook.endsBecause) {
      const key = sessionKey(notebook.owner, notebook.id);
      const pending = this.notebooks.get(key);
      if (pending && settledValue(pending) === notebook) this.notebooks.delete(key);
      this.ended.set(key, { kernels: [...notebook.kernels.keys(), ...notebook.lostKernels], at: Date.now() });
      await this.destroy(Promise.resolve(notebook));
      return;
    }
    notebook.freezeTimer = setTimeout(() => {
      notebook.freezeTimer = undefined;
      notebook.frozen = this.freeze(notebook);
    }, this.options.freezeDelayMs ?? 50);
    notebook.freezeTimer.unref();
  }

  private async freeze(notebook: Notebook): Promise<boolean> {
    try {
      return (await notebook.sandbox.freeze?.()) ?? false;
    } catch (error) {
      this.options.onError?.(`cannot freeze run session ${notebook.id}: ${errorMessage(error)}`);
      return false;
    }
  }

  /** Cancels a pending freeze, or thaws the sandbox; true when it had been frozen. */
  private async wake(notebook: Notebook): Promise<boolean> {
    clearTimeout(notebook.freezeTimer);
    notebook.freezeTimer = undefined;
    const frozen = notebook.frozen;
    notebook.frozen = undefined;
    if (!frozen || !(await frozen)) return false;
    await notebook.sandbox.thaw?.();
    return true;
  }

  private open(owner: string, sessionId: string): Promise<Notebook> {
    const key = sessionKey(owner, sessionId);
    const existing = this.notebooks.get(key);
    if (existing) return existing;
    const owned = [...this.notebooks.keys()].filter((candidate) => candidate.startsWith(`${owner}\u0000`));
    if (owned.length >= this.options.maxPerOwner) {
      return Promise.reject(
        new HangarError(
          "TOO_MANY_REQUESTS",
          `you have ${owned.length} run sessions, the most allowed; delete one (DELETE /run/sessions/{sessionId}) or let it expire`,
          { field: "sessionId", retryAfterSeconds: 60 },
        ),
      );
    }
    const endedKernels = this.ended.get(key)?.kernels ?? [];
    this.ended.delete(key);
    const created = this.options.createSandbox(owner, sessionId).then((sandbox): Notebook => ({
      id: sessionId,
      owner,
      sandbox,
      createdAt: new Date(),
      lastUsedAt: new Date(),
      runs: 0,
      executions: 0,
      busy: false,
      kernels: new Map(),
      lostKernels: new Set(endedKernels),
      tail: Promise.resolve(),
    }));
    this.notebooks.set(key, created);
    created.catch(() => this.notebooks.delete(key));
    settle(created);
    return created;
  }

  private async destroy(pending: Promise<Notebook>): Promise<void> {
    try {
      const notebook = await pending;
      // A frozen kernel would not die of its SIGKILL until thawed (cgroup v1).
      await this.wake(notebook);
      for (const handle of notebook.kernels.values()) handle.kill();
      await notebook.sandbox.destroy();
    } catch (error) {
      this.options.onError?.(`cannot destroy run session: ${errorMessage(error)}`);
    }
  }

  private describe(notebook: Notebook): NotebookInfo {
    return {
      sessionId: notebook.id,
      owner: notebook.owner,
      createdAt: notebook.createdAt.toISOString(),
      lastUsedAt: notebook.lastUsedAt.toISOString(),
      expiresAt: new Date(notebook.lastUsedAt.getTime() + this.options.idleTtlMs).toISOString(),
      kernels: [...notebook.kernels.keys()],
      runs: notebook.runs,
      busy: notebook.busy,
    };
  }
}

function sessionKey(owner: string, sessionId: string): string {
  return `${owner}\u0000${sessionId}`;
}

/** Synchronous access to a settled promise's value, for listings that must not wait. */
const settledValues = new WeakMap<Promise<Notebook>, Notebook>();
function settle(pending: Promise<Notebook>): void {
  pending.then(
    (session) => settledValues.set(pending, session),
    () => undefined,
  );
}
function settledValue(pending: Promise<Notebook>): Notebook | undefined {
  return settledValues.get(pending);
}
