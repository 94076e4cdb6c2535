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
export declare const kernelMountPoint = "/opt/hangar/kernels";
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
export declare class Notebooks {
    private readonly options;
    private readonly notebooks;
    /**
     * Notebooks Hangar ended, by key, with the kernels they had and when: the next
     * one there reports them restarted; forgotten after the idle TTL.
     */
    private readonly ended;
    private readonly reaper;
    constructor(options: NotebooksOptions);
    get count(): number;
    /** Runs `work` with the notebook, creating it on first use; one run at a time per notebook. */
    withNotebook<T>(owner: string, sessionId: string, work: (notebook: Notebook) => Promise<T>): Promise<T>;
    /**
     * Ends the notebook after its current run when its sandbox used more CPU
     * than the budget; call it at the end of a run. Undefined while within it,
     * or where the CPU is not counted.
     */
    spentCpuBudget(notebook: Notebook): Promise<CpuBudgetReport | undefined>;
    /** The notebook's kernel for `kind`, started when missing; `restarted` when an earlier one died. */
    kernel(notebook: Notebook, kind: KernelKind): Promise<{
        handle: KernelHandle;
        restarted: boolean;
    }>;
    list(owner: string): NotebookInfo[];
    delete(owner: string, sessionId: string): Promise<boolean>;
    closeAll(): Promise<void>;
    reapIdle(now?: number): Promise<number>;
    /** Freezes the notebook once it idled for the freeze delay, or ends it when it must end. */
    private afterRun;
    private freeze;
    /** Cancels a pending freeze, or thaws the sandbox; true when it had been frozen. */
    private wake;
    private open;
    private destroy;
    private describe;
}
