import { HangarError } from "../core/errors.js";
import { WarmPool } from "./warm-pool.js";
/**
 * The sandboxes a provider has handed out and its warm pool: what every
 * provider built on `LaunchScriptSandbox` keeps the same way. A sandbox
 * leaves the set when it is released; stopping ends them all.
 */
export class LiveSandboxes {
    byId = new Map();
    /** The RAM each admitted sandbox holds, given back when it is released or suspended. */
    reservations = new Map();
    pool;
    isStopping = false;
    constructor(pool) {
        this.pool = new WarmPool(pool);
    }
    /** Refuses new sandboxes once the provider is stopping. */
    assertOpen() {
        if (this.isStopping)
            throw new HangarError("SHUTTING_DOWN", "the sandbox provider is stopping");
    }
    /** A pooled sandbox for a single-use spec with the pool's limits, now its owner's; it never returns to the pool. */
    claim(spec) {
        if (spec.singleUse !== true || !this.pool.matches(spec.limits))
            return undefined;
        const pooled = this.pool.claim();
        if (!pooled)
            return undefined;
        pooled.assign(spec.owner, spec.labels ?? {});
        return this.add(pooled);
    }
    add(sandbox, reservation) {
        this.byId.set(sandbox.id, sandbox);
        if (reservation)
            this.reservations.set(sandbox.id, reservation);
        return sandbox;
    }
    get(id) {
        return this.byId.get(id);
    }
    /** Forgets a released sandbox and tops the pool up in its place. */
    release(id) {
        this.byId.delete(id);
        this.reservations.get(id)?.release();
        this.reservations.delete(id);
        this.pool.refill();
    }
    /** Whether the id is a pooled sandbox: nobody's yet, so never found or listed. */
    isPooled(id) {
        return this.pool.has(id);
    }
    refillPool() {
        this.pool.refill();
    }
    values() {
        return this.byId.values();
    }
    /** Sandboxes handed out and not destroyed yet. */
    get activeCount() {
        return this.byId.size;
    }
    /** Pooled sandboxes waiting for a command. */
    get poolReady() {
        return this.pool.ready;
    }
    /** Destroys every sandbox but the durable ones, whose commands end and whose files stay. */
    async stop() {
        this.isStopping = true;
        const all = [...this.pool.drain(), ...this.byId.values()];
        await Promise.allSettled(all.map((sandbox) => (sandbox.isDurable ? sandbox.suspend() : sandbox.destroy())));
        this.byId.clear();
        for (const reservation of this.reservations.values())
            reservation.release();
        this.reservations.clear();
    }
}
//# sourceMappingURL=live-sandboxes.js.map