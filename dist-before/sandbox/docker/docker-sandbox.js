import { randomBytes } from "node:crypto";
import { HangarError } from "../../core/errors.js";
import { LaunchScriptSandbox } from "../launch-script-sandbox.js";
import { holdsCulpritShare } from "../refused-fork-watch.js";
import { sandboxUser, workspacePath } from "./docker-container-spec.js";
import { engineError, statusCodeOf } from "./docker-engine.js";
import { DockerProcess } from "./docker-process.js";
import { KeeperConnection } from "./keeper-connection.js";
import { keeperCommand } from "./keeper-protocol.js";
import { keeperReadyTimeoutMs } from "./sandbox-container.js";
const noCounters = { oomKills: 0, pidsRefused: 0 };
/**
 * A Docker sandbox: one container. Single-use ones run their command in the
 * keeper parked as the container's main process; persistent ones `docker exec`
 * a keeper per command.
 */
export class DockerSandbox extends LaunchScriptSandbox {
    context;
    constructor(context) {
        const { labels } = context;
        super({
            id: labels.id,
            owner: labels.owner,
            labels: labels.labels,
            limits: labels.limits,
            singleUse: labels.mode === "single-use",
            durable: labels.durable,
            createdAt: context.container.createdAt,
            ...(context.channelDirectory === undefined ? {} : { channelDirectory: context.channelDirectory }),
        }, { shellPrefix: /^hangar-keeper: \d+: (eval: )?/gm, isSpent: context.isSpent ?? false });
        this.context = context;
    }
    /** Whether a single-use sandbox's keeper still waits for its command. */
    get isParked() {
        const parked = this.context.container.parked;
        return !this.isSpent && parked !== undefined && !parked.connection.hasEnded;
    }
    launch(script, options) {
        return this.context.labels.mode === "single-use"
            ? this.runParked(script, options)
            : this.runExec(script, options);
    }
    isHostAlive() {
        return this.context.container.isRunning();
    }
    /**
     * The container's freezer directly: the same kernel mechanism as `docker pause`
     * without a trip through the engine. Where the cgroups are out of reach, the
     * engine pauses it instead.
     */
    async setFrozen(isFrozen) {
        const { cgroups, container } = this.context.container;
        if (cgroups && (await cgroups.freeze(isFrozen)))
            return true;
        try {
            await (isFrozen ? container.pause() : container.unpause());
            return true;
        }
        catch {
            return false;
        }
    }
    async cpuUsageSeconds() {
        return this.context.container.cgroups?.cpuUsageSeconds();
    }
    /** Also ends the surviving commands an earlier Hangar process started (this one holds no handle on them). */
    async suspend() {
        await super.suspend();
        await this.context.container.cgroups?.reapSpawnGroups(true);
    }
    async release() {
        try {
            await this.context.container.remove();
        }
        finally {
            await this.context.release();
        }
    }
    /** Single-use: the parked keeper gets the script on the stdin it is already attached to. */
    async runParked(script, options) {
        const { parked, cgroups, initPid, container } = this.context.container;
        if (!parked)
            throw new HangarError("SANDBOX_ERROR", `single-use sandbox ${this.id} cannot run a command any more`);
        const keeperPid = parked.hostPid;
        const control = {
            mode: "single",
            killCommand: async () => {
                if (cgroups && keeperPid !== undefined)
                    await cgroups.killAllExcept([initPid, keeperPid]);
                // Without its cgroup the whole container goes: the command cannot be told from its keeper.
                else
                    await container.kill().catch(() => undefined);
            },
            counters: async () => (cgroups ? cgroups.counters() : noCounters),
            hasCgroups: cgroups !== undefined,
            release: async () => undefined,
            ...(this.context.onError ? { onError: this.context.onError } : {}),
        };
        return new DockerProcess(parked.connection, control, script, options, await control.counters());
    }
    /**
     * Persistent: a `docker exec` of the keeper, moved into its own cgroup
     * (a "spawn group") before it reads its script, so everything the command
     * ever starts can be found and killed without touching other commands.
     */
    async runExec(script, options) {
        const { docker, container, cgroups } = this.context.container;
        let connection;
        try {
            const exec = await container.exec({
                Cmd: keeperCommand("exec"),
                AttachStdin: true,
                AttachStdout: true,
                AttachStderr: true,
                User: sandboxUser,
                WorkingDir: workspacePath,
            });
            const stream = await exec.start({ hijack: true, stdin: true });
            connection = new KeeperConnection(docker, stream);
        }
        catch (error) {
            const status = statusCodeOf(error);
            if (status === 404 || status === 409) {
                throw new HangarError("SANDBOX_GONE", `the container of sandbox ${this.id} is gone or stopped`);
            }
            throw await engineError(docker, `cannot start a command in sandbox ${this.id}`, error);
        }
        let group;
        try {
            const keeperPid = await connection.ready(keeperReadyTimeoutMs);
            if (cgroups) {
                const hostPid = await cgroups.hostPid(keeperPid);
                if (hostPid === undefined)
                    throw new HangarError("SANDBOX_ERROR", "cannot find the command's process on the host");
                // Only a durable sandbox is revived after a restart, so only its command may survive.
                const survives = options.survivesRestart === true && this.isDurable;
                group = await cgroups.createSpawnGroup(randomBytes(6).toString("hex"), survives);
                await group.join([hostPid]);
            }
            const spawnGroup = group;
            const control = {
                mode: "exec",
                killCommand: async () => {
                    if (spawnGroup)
                        await spawnGroup.killAll();
                    // Without cgroup access the only sure way to end a command is to stop its container.
                    else
                        await container.kill().catch(() => undefined);
                },
                counters: async () => {
                    if (!cgroups)
                        return noCounters;
                    const counters = await cgroups.counters();
                    const spawned = await spawnGroup.counters();
                    return { ...counters, pidsRefused: counters.pidsRefused + spawned.pidsRefused };
                },
                hasCgroups: cgroups !== undefined,
                // Other commands and the kernels share the container's limit: only the one holding the tasks is stopped.
                isCulprit: async () => cgroups !== undefined &&
                    spawnGroup !== undefined &&
                    holdsCulpritShare(await spawnGroup.tasks(), await cgroups.taskLimit()),
                release: async () => spawnGroup?.remove(),
                ...(this.context.onError ? { onError: this.context.onError } : {}),
            };
            return new DockerProcess(connection, control, script, options, await control.counters());
        }
        catch (error) {
            connection.close();
            await group?.remove().catch(() => undefined);
            throw error;
        }
    }
}
//# sourceMappingURL=docker-sandbox.js.map