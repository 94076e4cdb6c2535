import { HangarError } from "../core/errors.js";
import { buildLaunchScript, workspaceMountPoint } from "./launch-script.js";
import { listFilesInside, readFileInside, writeStagedFiles } from "./sandbox-file-commands.js";
/**
 * The lifecycle every provider whose commands start as a launch script
 * shares (bubblewrap, Docker): files staged until the next command writes
 * them from inside, the single-use rule, the set of running commands, and
 * suspend / destroy / assign. A provider supplies how a script starts
 * (`launch`), what idle resources to drop (`discardIdle`), whether its host
 * side still lives (`isHostAlive`) and how to free it (`release`).
 */
export class LaunchScriptSandbox {
    state;
    options;
    workspacePath = workspaceMountPoint;
    staged = [];
    running = new Set();
    spent;
    destroyed;
    flushing;
    isFrozen = false;
    /** Freezes and thaws run one after the other, so a thaw never overtakes the freeze before it. */
    freezing = Promise.resolve();
    constructor(state, options) {
        this.state = state;
        this.options = options;
        this.spent = options.isSpent ?? false;
    }
    get id() {
        return this.state.id;
    }
    get owner() {
        return this.state.owner;
    }
    get channelDirectory() {
        return this.state.channelDirectory;
    }
    get isDurable() {
        return this.state.durable;
    }
    get createdAt() {
        return this.state.createdAt;
    }
    get limits() {
        return this.state.limits;
    }
    /** What the sandbox was created with, as its provider counts it against the host's RAM. */
    get footprint() {
        const { limits, singleUse, durable } = this.state;
        return { limits, singleUse, durable };
    }
    /** Whether this single-use sandbox has been handed its one command. */
    get isSpent() {
        return this.spent;
    }
    /** Gives a pooled sandbox to its one owner. */
    assign(owner, labels) {
        if (this.state.owner !== "")
            throw new Error(`sandbox ${this.id} already belongs to an owner`);
        this.state.owner = owner;
        this.state.labels = labels;
    }
    async spawn(command, options) {
        if (this.destroyed)
            throw new HangarError("SANDBOX_GONE", `sandbox ${this.id} was destroyed`);
        // A command started in a frozen sandbox would be frozen with it (Docker: its exec would hang).
        await this.thaw();
        if (this.state.singleUse) {
            if (this.spent)
                throw new HangarError("SANDBOX_ERROR", `single-use sandbox ${this.id} already ran`);
            this.spent = true;
        }
        const script = buildLaunchScript({
            command,
            limits: {
                openFiles: 1024,
                fileSizeBytes: this.state.limits.workspaceBytes,
                ...(options.cpuTimeSeconds === undefined ? {} : { cpuTimeSeconds: options.cpuTimeSeconds }),
                ...(this.options.processes === undefined ? {} : { processes: this.options.processes }),
            },
            files: this.staged.splice(0),
        });
        const process = await this.launch(script, options);
        this.running.add(process);
        void process.exited.finally(() => this.running.delete(process));
        return process;
    }
    async writeFile(path, data) {
        this.staged.push({ path, data });
        if (this.state.singleUse)
            return;
        // Coalesce concurrent writes into one command that writes every staged file from inside.
        this.flushing ??= Promise.resolve().then(async () => {
            this.flushing = undefined;
            await writeStagedFiles(this, this.options.shellPrefix);
        });
        await this.flushing;
    }
    readFile(path, maxBytes) {
        this.refuseSingleUse();
        return readFileInside(this, path, maxBytes);
    }
    listFiles(path) {
        this.refuseSingleUse();
        return listFilesInside(this, path === "" ? "." : path);
    }
    async isAlive() {
        return !this.isFinished && (await this.isHostAlive());
    }
    freeze() {
        return this.serialiseFreezing(async () => {
            if (this.destroyed)
                return false;
            this.isFrozen = await this.setFrozen(true);
            return this.isFrozen;
        });
    }
    thaw() {
        return this.serialiseFreezing(async () => {
            if (!this.isFrozen)
                return;
            this.isFrozen = false;
            await this.setFrozen(false);
        });
    }
    cpuUsageSeconds() {
        return Promise.resolve(undefined);
    }
    /** Ends every command but keeps the files (a durable sandbox when Hangar stops). */
    async suspend() {
        // A frozen process does not die of SIGKILL (cgroup v1) until it is thawed.
        await this.thaw();
        for (const process of this.running)
            process.kill();
        await this.discardIdle();
        await Promise.allSettled([...this.running].map((process) => process.exited));
    }
    /** Kills every process and frees every resource; idempotent. */
    destroy() {
        this.destroyed ??= (async () => {
            await this.suspend();
            await this.release();
        })();
        return this.destroyed;
    }
    /** `isHostAlive`: what the provider last saw of the host side (a container's state), when it knows. */
    info(provider, isHostAlive = true) {
        return {
            id: this.id,
            provider,
            owner: this.owner,
            labels: this.state.labels,
            createdAt: this.createdAt,
            alive: isHostAlive && !this.isFinished,
        };
    }
    /** Drops what waits for a next command (a parked instance) when the sandbox suspends. */
    async discardIdle() { }
    /** Freezes or thaws every process of the sandbox; false where the provider cannot. */
    async setFrozen(_isFrozen) {
        return false;
    }
    /** Whether the host side still runs (a container can be stopped behind Hangar's back). */
    async isHostAlive() {
        return true;
    }
    /** Destroyed, or single-use with its one command over. */
    get isFinished() {
        return this.destroyed !== undefined || (this.state.singleUse && this.spent && this.running.size === 0);
    }
    serialiseFreezing(step) {
        const next = this.freezing.then(step);
        this.freezing = next.catch(() => undefined);
        return next;
    }
    refuseSingleUse() {
        if (this.state.singleUse) {
            throw new HangarError("SANDBOX_ERROR", "a single-use sandbox has no files to read after its command");
        }
    }
}
//# sourceMappingURL=launch-script-sandbox.js.map