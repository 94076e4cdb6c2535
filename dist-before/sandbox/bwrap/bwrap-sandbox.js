import { LaunchScriptSandbox } from "../launch-script-sandbox.js";
/** How long a persistent sandbox keeps an instance parked for its next command. */
const parkedIdleMs = 30_000;
/** A bubblewrap sandbox: each command is a fresh bubblewrap instance, parked ahead of time when it can be. */
export class BwrapSandbox extends LaunchScriptSandbox {
    context;
    parked;
    idleTimer;
    constructor(context) {
        super(context, {
            shellPrefix: /^\/\.hangar\/launch: \d+: /gm,
            // A backstop for hosts without a pids cgroup; set above the cgroup limit so that one,
            // which reports what happened, trips first.
            ...(context.hostUid === undefined ? {} : { processes: context.limits.pids + 16 }),
        });
        this.context = context;
    }
    /** Starts the next instance ahead of time, so the next spawn only has to hand it its script. */
    prepark() {
        this.parked ??= this.context.park();
        return this.parked;
    }
    async launch(script, options) {
        // Only a durable sandbox's cgroup is kept across a restart: without one nothing could
        // find (or kill) the command afterwards, so it dies with Hangar like any other.
        if (options.survivesRestart === true && this.isDurable && this.context.cgroup !== undefined) {
            return (await this.context.park(true)).run(script, options);
        }
        const parked = this.parked;
        this.parked = undefined;
        let instance = await parked?.catch(() => undefined);
        if (instance?.isAlive !== true) {
            instance?.discard();
            instance = await this.context.park();
        }
        const process = instance.run(script, options);
        if (!this.footprint.singleUse)
            this.parkNext();
        return process;
    }
    /**
     * A persistent sandbox's next command (an agent's next tool call) finds its instance
     * already set up: parking takes tens of milliseconds of namespace and cgroup work,
     * done now while this command runs. Dropped after a while without commands.
     */
    parkNext() {
        const next = this.context.park();
        // A failure shows at the next spawn, which parks afresh.
        next.catch(() => undefined);
        this.parked = next;
        clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => {
            if (this.parked === next)
                void this.discardIdle();
        }, parkedIdleMs);
        this.idleTimer.unref();
    }
    async discardIdle() {
        clearTimeout(this.idleTimer);
        const parked = this.parked;
        this.parked = undefined;
        if (parked)
            (await parked.catch(() => undefined))?.discard();
    }
    async setFrozen(isFrozen) {
        return (await this.context.cgroup?.freeze(isFrozen)) ?? false;
    }
    async cpuUsageSeconds() {
        return this.context.cgroup?.cpuUsageSeconds();
    }
    release() {
        return this.context.release();
    }
}
//# sourceMappingURL=bwrap-sandbox.js.map