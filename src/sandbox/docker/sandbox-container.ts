import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import { delay } from "../../core/abort.js";
import { errorMessage } from "../../core/errors.js";
import { ContainerCgroups } from "./container-cgroups.js";
import type { SandboxContainerOptions } from "./docker-container-spec.js";
import { engineError, statusCodeOf } from "./docker-engine.js";
import { KeeperConnection } from "./keeper-connection.js";

/** How long a fresh keeper may take to greet (container start or exec start included). */
export const keeperReadyTimeoutMs = 15_000;

/** A single-use container whose keeper waits for its launch script on the attached stdin. */
export interface ParkedKeeper {
  connection: KeeperConnection;
  /** Host pid of the keeper, spared when the command is killed (undefined without cgroup access). */
  hostPid: number | undefined;
}

/**
 * One sandbox's container as the host sees it: the Engine API handle, the
 * host pid of its init, its cgroups (when this host can reach them) and, for
 * a single-use sandbox, its parked keeper.
 */
export class SandboxContainer {
  private constructor(
    readonly docker: Docker,
    readonly container: Docker.Container,
    readonly initPid: number,
    readonly cgroups: ContainerCgroups | undefined,
    readonly parked: ParkedKeeper | undefined,
    readonly createdAt: Date,
  ) {}

  /** Creates and starts a container; a single-use one is attached first so no byte of its keeper is lost. */
  static async launch(docker: Docker, spec: SandboxContainerOptions): Promise<SandboxContainer> {
    let container: Docker.Container;
    try {
      container = await docker.createContainer(spec);
    } catch (error) {
      throw await engineError(docker, `cannot create the sandbox container (image ${spec.Image})`, error);
    }
    let connection: KeeperConnection | undefined;
    try {
      if (spec.OpenStdin) {
        const stream = (await container.attach({
          stream: true,
          stdin: true,
          stdout: true,
          stderr: true,
          hijack: true,
        })) as Duplex;
        connection = new KeeperConnection(docker, stream);
      }
      await container.start();
      const info = await container.inspect();
      const cgroups = ContainerCgroups.locate(info.State.Pid);
      let parked: ParkedKeeper | undefined;
      if (connection) {
        const keeperPid = await connection.ready(keeperReadyTimeoutMs);
        parked = { connection, hostPid: await cgroups?.hostPid(keeperPid) };
      }
      return new SandboxContainer(docker, container, info.State.Pid, cgroups, parked, new Date(info.Created));
    } catch (error) {
      connection?.close();
      await container.remove({ force: true }).catch(() => undefined);
      throw await engineError(docker, "cannot start the sandbox container", error);
    }
  }

  /** The container of a sandbox an earlier Hangar process created; undefined when it is not running. */
  static async reattach(docker: Docker, container: Docker.Container): Promise<SandboxContainer | undefined> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw await engineError(docker, "cannot inspect a sandbox container", error);
    }
    if (!info.State.Running) return undefined;
    const cgroups = ContainerCgroups.locate(info.State.Pid);
    return new SandboxContainer(
      docker,
      container,
      info.State.Pid,
      cgroups,
      undefined,
      new Date(info.Created),
    );
  }

  async isRunning(): Promise<boolean> {
    try {
      return (await this.container.inspect()).State.Running;
    } catch (error) {
      if (statusCodeOf(error) === 404) return false;
      throw await engineError(this.docker, "cannot inspect a sandbox container", error);
    }
  }

  /** Force-removes the container (every process in it dies); a container already gone is fine. */
  async remove(): Promise<void> {
    this.parked?.connection.close();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.container.remove({ force: true });
        return;
      } catch (error) {
        const status = statusCodeOf(error);
        // 404: already gone; 409: removal already in progress.
        if (status === 404 || status === 409) return;
        // dockerd sometimes fails to delete the container's directory while the killed
        // processes' files are still being released ("unable to remove filesystem ...
        // directory not empty", seen in CI); the same request a moment later succeeds.
        if (status === 500 && /unable to remove filesystem/.test(errorMessage(error)) && attempt < 5) {
          await delay(100 * attempt);
          continue;
        }
        throw await engineError(this.docker, `cannot remove container: ${errorMessage(error)}`, error);
      }
    }
  }
}
