import { errorMessage } from "../../core/errors.js";
import { ContainerCgroups } from "./container-cgroups.js";
import { engineError, statusCodeOf } from "./docker-engine.js";
import { KeeperConnection } from "./keeper-connection.js";
/** How long a fresh keeper may take to greet (container start or exec start included). */
export const keeperReadyTimeoutMs = 15_000;
/**
 * One sandbox's container as the host sees it: the Engine API handle, the
 * host pid of its init, its cgroups (when this host can reach them) and, for
 * a single-use sandbox, its parked keeper.
 */
export class SandboxContainer {
    docker;
    container;
    initPid;
    cgroups;
    parked;
    createdAt;
    constructor(docker, container, initPid, cgroups, parked, createdAt) {
        this.docker = docker;
        this.container = container;
        this.initPid = initPid;
        this.cgroups = cgroups;
        this.parked = parked;
        this.createdAt = createdAt;
    }
    /** Creates and starts a container; a single-use one is attached first so no byte of its keeper is lost. */
    static async launch(docker, spec) {
        let container;
        try {
            container = await docker.createContainer(spec);
        }
        catch (error) {
            throw await engineError(docker, `cannot create the sandbox container (image ${spec.Image})`, error);
        }
        let connection;
        try {
            if (spec.OpenStdin) {
                const stream = (await container.attach({
                    stream: true,
                    stdin: true,
                    stdout: true,
                    stderr: true,
                    hijack: true,
                }));
                connection = new KeeperConnection(docker, stream);
            }
            await container.start();
            const info = await container.inspect();
            const cgroups = ContainerCgroups.locate(info.State.Pid);
            let parked;
            if (connection) {
                const keeperPid = await connection.ready(keeperReadyTimeoutMs);
                parked = { connection, hostPid: await cgroups?.hostPid(keeperPid) };
            }
            return new SandboxContainer(docker, container, info.State.Pid, cgroups, parked, new Date(info.Created));
        }
        catch (error) {
            connection?.close();
            await container.remove({ force: true }).catch(() => undefined);
            throw await engineError(docker, "cannot start the sandbox container", error);
        }
    }
    /** The container of a sandbox an earlier Hangar process created; undefined when it is not running. */
    static async reattach(docker, container) {
        let info;
        try {
            info = await container.inspect();
        }
        catch (error) {
            if (statusCodeOf(error) === 404)
                return undefined;
            throw await engineError(docker, "cannot inspect a sandbox container", error);
        }
        if (!info.State.Running)
            return undefined;
        const cgroups = ContainerCgroups.locate(info.State.Pid);
        return new SandboxContainer(docker, container, info.State.Pid, cgroups, undefined, new Date(info.Created));
    }
    async isRunning() {
        try {
            return (await this.container.inspect()).State.Running;
        }
        catch (error) {
            if (statusCodeOf(error) === 404)
                return false;
            throw await engineError(this.docker, "cannot inspect a sandbox container", error);
        }
    }
    /** Force-removes the container (every process in it dies); a container already gone is fine. */
    async remove() {
        this.parked?.connection.close();
        try {
            await this.container.remove({ force: true });
        }
        catch (error) {
            const status = statusCodeOf(error);
            // 404: already gone; 409: removal already in progress.
            if (status === 404 || status === 409)
                return;
            throw await engineError(this.docker, `cannot remove container: ${errorMessage(error)}`, error);
        }
    }
}
//# sourceMappingURL=sandbox-container.js.map