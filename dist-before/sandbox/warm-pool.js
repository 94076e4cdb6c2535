import { errorMessage } from "../core/errors.js";
/**
 * Single-use sandboxes started ahead of time, so that claiming one costs
 * nothing and running in it one write. Each is handed to exactly one owner
 * and never returns; refills happen one sandbox at a time, when asked (at
 * start and when a sandbox is released), not while a claimed one runs:
 * measured on two cores, refilling at claim time slows that very run.
 */
export class WarmPool {
    options;
    parked = [];
    refilling = false;
    stopped = false;
    constructor(options) {
        this.options = options;
    }
    get ready() {
        return this.parked.length;
    }
    has(id) {
        return this.parked.some((sandbox) => sandbox.id === id);
    }
    matches(limits) {
        const poolLimits = this.options.limits;
        return (poolLimits !== undefined &&
            Object.keys(poolLimits).every((key) => poolLimits[key] === limits[key]));
    }
    /** The first pooled sandbox that can still run its command; unusable ones are destroyed on the way. */
    claim() {
        for (let sandbox = this.parked.shift(); sandbox; sandbox = this.parked.shift()) {
            if (this.options.isUsable?.(sandbox) ?? true)
                return sandbox;
            void sandbox.destroy().catch((error) => this.report(error));
        }
        return undefined;
    }
    /** Tops the pool up in the background; a failure retries a second later. */
    refill() {
        const limits = this.options.limits;
        if (this.refilling || this.stopped || !limits || this.parked.length >= this.options.size)
            return;
        this.refilling = true;
        void (async () => {
            try {
                while (!this.stopped && this.parked.length < this.options.size) {
                    const sandbox = await this.options.build(limits);
                    if (this.stopped)
                        await sandbox.destroy();
                    else
                        this.parked.push(sandbox);
                }
            }
            catch (error) {
                this.report(error);
                setTimeout(() => this.refill(), 1000).unref();
            }
            finally {
                this.refilling = false;
            }
        })();
    }
    /** Stops refilling and hands back what was parked, for destruction. */
    drain() {
        this.stopped = true;
        return this.parked.splice(0);
    }
    report(error) {
        this.options.onError?.(`warm pool refill failed, retrying in 1 s: ${errorMessage(error)}`);
    }
}
//# sourceMappingURL=warm-pool.js.map