import { LiveSandboxes } from "./live-sandboxes.js";
/**
 * The part of `SandboxProvider` every provider built on `LaunchScriptSandbox`
 * shares: `create` from the warm pool when the request allows it, `find` among
 * the live sandboxes before reviving one an earlier process left, and the stats
 * the server reports. A provider supplies how to build, pool and revive.
 */
export class LaunchScriptProvider {
    admission;
    sandboxes;
    /**
     * `admission` counts persistent sandboxes against a share of the host's RAM;
     * single-use ones are bounded by the run queue's concurrency instead.
     */
    constructor(pool, admission) {
        this.admission = admission;
        this.sandboxes = new LiveSandboxes({ ...pool, build: (limits) => this.buildPooled(limits) });
    }
    async create(spec) {
        this.sandboxes.assertOpen();
        const singleUse = spec.singleUse ?? false;
        const request = {
            owner: spec.owner,
            labels: spec.labels ?? {},
            limits: spec.limits,
            singleUse,
            durable: !singleUse && spec.durable === true,
            image: spec.image,
        };
        this.validate(request);
        // The pool refills when a sandbox is released, not now: on two cores, starting a
        // sandbox while the claimed one runs its command slows that very command.
        const pooled = this.isPoolable(request) ? this.sandboxes.claim(spec) : undefined;
        if (pooled)
            return pooled;
        const bytes = this.memoryBytes(request);
        const reservation = bytes === 0 ? undefined : this.admission?.reserve(bytes, `a new sandbox of ${request.owner}`);
        try {
            return this.sandboxes.add(await this.build(request), reservation);
        }
        catch (error) {
            reservation?.release();
            throw error;
        }
    }
    /** A live sandbox, or one an earlier Hangar process left (a durable one), revived. */
    async find(id) {
        const live = this.sandboxes.get(id);
        if (live)
            return live;
        if (this.sandboxes.isPooled(id))
            return undefined;
        const revived = await this.revive(id);
        if (!revived)
            return undefined;
        // It exists already: counted, never refused (refusing would lose its files).
        const bytes = this.memoryBytes(revived.footprint);
        return this.sandboxes.add(revived, bytes === 0 ? undefined : this.admission?.commit(bytes));
    }
    /**
     * The RAM a sandbox may hold: its memory limit, its tmpfs /tmp, and its
     * workspace unless that is on disk. Single-use sandboxes are not counted.
     */
    memoryBytes(request) {
        if (request.singleUse)
            return 0;
        const { limits } = request;
        const workspaceInMemory = !(request.durable && this.hasDiskWorkspaces);
        return limits.memoryBytes + limits.tmpBytes + (workspaceInMemory ? limits.workspaceBytes : 0);
    }
    /** Whether durable sandboxes keep their workspace on disk rather than in a tmpfs. */
    get hasDiskWorkspaces() {
        return false;
    }
    /** Pre-started single-use sandboxes waiting for a command. */
    get poolReady() {
        return this.sandboxes.poolReady;
    }
    /** Sandboxes handed out and not destroyed yet. */
    get activeCount() {
        return this.sandboxes.activeCount;
    }
    /** Refuses what this provider cannot do, with an error naming the field. */
    validate(_request) { }
    /** Whether a pooled sandbox (single-use, the pool's limits) may serve the request. */
    isPoolable(_request) {
        return true;
    }
}
//# sourceMappingURL=launch-script-provider.js.map