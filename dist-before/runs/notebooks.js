import { HangarError, errorMessage } from "../core/errors.js";
import { KernelClient, kernelFiles } from "./kernel-client.js";
export const kernelMountPoint = "/opt/hangar/kernels";
const kernelCommands = {
    python: ["/usr/bin/python3", `${kernelMountPoint}/${kernelFiles.python}`],
    javascript: ["/usr/bin/node", `${kernelMountPoint}/${kernelFiles.javascript}`],
};
/** A kernel lives as long as its session; setTimeout's maximum is about 24 days. */
const kernelLifetimeMs = 2_147_483_647;
export class Notebooks {
    options;
    notebooks = new Map();
    /**
     * Notebooks Hangar ended, by key, with the kernels they had and when: the next
     * one there reports them restarted; forgotten after the idle TTL.
     */
    ended = new Map();
    reaper;
    constructor(options) {
        this.options = options;
        this.reaper = setInterval(() => void this.reapIdle(), Math.min(30_000, options.idleTtlMs));
        this.reaper.unref();
    }
    get count() {
        return this.notebooks.size;
    }
    /** Runs `work` with the notebook, creating it on first use; one run at a time per notebook. */
    async withNotebook(owner, sessionId, work) {
        const notebook = await this.open(owner, sessionId);
        const previous = notebook.tail;
        let finished;
        notebook.tail = new Promise((resolve) => (finished = resolve));
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
                for (const handle of notebook.kernels.values())
                    void handle.client.collectBackground();
            }
            return await work(notebook);
        }
        finally {
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
    async spentCpuBudget(notebook) {
        const budgetSeconds = this.options.cpuBudgetSeconds;
        if (budgetSeconds === undefined)
            return undefined;
        const usedSeconds = await notebook.sandbox.cpuUsageSeconds?.().catch(() => undefined);
        if (usedSeconds === undefined || usedSeconds <= budgetSeconds)
            return undefined;
        notebook.endsBecause = "cpu_budget";
        return { usedSeconds, budgetSeconds };
    }
    /** The notebook's kernel for `kind`, started when missing; `restarted` when an earlier one died. */
    async kernel(notebook, kind) {
        const existing = notebook.kernels.get(kind);
        if (existing && existing.client.alive)
            return { handle: existing, restarted: false };
        const process = await notebook.sandbox.spawn({ argv: kernelCommands[kind] }, { timeoutMs: kernelLifetimeMs, maxOutputBytes: Number.MAX_SAFE_INTEGER });
        const handle = { client: new KernelClient(process), process, kill: () => process.kill() };
        notebook.kernels.set(kind, handle);
        void process.exited.then(() => {
            if (notebook.kernels.get(kind) === handle) {
                notebook.kernels.delete(kind);
                notebook.lostKernels.add(kind);
            }
        });
        try {
            await handle.client.ready();
        }
        catch (error) {
            handle.kill();
            throw new HangarError("SANDBOX_ERROR", `the ${kind} kernel did not start: ${errorMessage(error)}`);
        }
        const restarted = notebook.lostKernels.delete(kind);
        return { handle, restarted };
    }
    list(owner) {
        const infos = [];
        for (const [key, pending] of this.notebooks) {
            if (!key.startsWith(`${owner}\u0000`))
                continue;
            const notebook = settledValue(pending);
            if (notebook)
                infos.push(this.describe(notebook));
        }
        return infos;
    }
    async delete(owner, sessionId) {
        const key = sessionKey(owner, sessionId);
        const pending = this.notebooks.get(key);
        if (!pending)
            return false;
        this.notebooks.delete(key);
        await this.destroy(pending);
        return true;
    }
    async closeAll() {
        clearInterval(this.reaper);
        const all = [...this.notebooks.values()];
        this.notebooks.clear();
        await Promise.allSettled(all.map((pending) => this.destroy(pending)));
    }
    async reapIdle(now = Date.now()) {
        for (const [key, ended] of this.ended) {
            if (now - ended.at >= this.options.idleTtlMs)
                this.ended.delete(key);
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
    async afterRun(notebook) {
        if (notebook.endsBecause) {
            const key = sessionKey(notebook.owner, notebook.id);
            const pending = this.notebooks.get(key);
            if (pending && settledValue(pending) === notebook)
                this.notebooks.delete(key);
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
    async freeze(notebook) {
        try {
            return (await notebook.sandbox.freeze?.()) ?? false;
        }
        catch (error) {
            this.options.onError?.(`cannot freeze run session ${notebook.id}: ${errorMessage(error)}`);
            return false;
        }
    }
    /** Cancels a pending freeze, or thaws the sandbox; true when it had been frozen. */
    async wake(notebook) {
        clearTimeout(notebook.freezeTimer);
        notebook.freezeTimer = undefined;
        const frozen = notebook.frozen;
        notebook.frozen = undefined;
        if (!frozen || !(await frozen))
            return false;
        await notebook.sandbox.thaw?.();
        return true;
    }
    open(owner, sessionId) {
        const key = sessionKey(owner, sessionId);
        const existing = this.notebooks.get(key);
        if (existing)
            return existing;
        const owned = [...this.notebooks.keys()].filter((candidate) => candidate.startsWith(`${owner}\u0000`));
        if (owned.length >= this.options.maxPerOwner) {
            return Promise.reject(new HangarError("TOO_MANY_REQUESTS", `you have ${owned.length} run sessions, the most allowed; delete one (DELETE /run/sessions/{sessionId}) or let it expire`, { field: "sessionId", retryAfterSeconds: 60 }));
        }
        const endedKernels = this.ended.get(key)?.kernels ?? [];
        this.ended.delete(key);
        const created = this.options.createSandbox(owner, sessionId).then((sandbox) => ({
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
    async destroy(pending) {
        try {
            const notebook = await pending;
            // A frozen kernel would not die of its SIGKILL until thawed (cgroup v1).
            await this.wake(notebook);
            for (const handle of notebook.kernels.values())
                handle.kill();
            await notebook.sandbox.destroy();
        }
        catch (error) {
            this.options.onError?.(`cannot destroy run session: ${errorMessage(error)}`);
        }
    }
    describe(notebook) {
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
function sessionKey(owner, sessionId) {
    return `${owner}\u0000${sessionId}`;
}
/** Synchronous access to a settled promise's value, for listings that must not wait. */
const settledValues = new WeakMap();
function settle(pending) {
    pending.then((session) => settledValues.set(pending, session), () => undefined);
}
function settledValue(pending) {
    return settledValues.get(pending);
}
//# sourceMappingURL=notebooks.js.map