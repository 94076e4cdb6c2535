import { channelMountPoint } from "../channel-directory.js";
import { keeperCommand } from "./keeper-protocol.js";
import { seccompProfile } from "./seccomp-profile.js";
/**
 * Pure builder for a sandbox container's create options: every isolation
 * decision of the Docker provider is here, readable and unit-tested in one
 * place. Nothing in it talks to the engine.
 */
export const sandboxUser = "1000:1000";
export const workspacePath = "/workspace";
/**
 * Processes of ours that count against the container's pids limit besides
 * the command's: docker-init, plus the keeper (single-use), or the idle main
 * process and one keeper per spawn (persistent).
 */
export const pidsOverhead = { "single-use": 2, persistent: 3 };
export function buildContainerSpec(input) {
    const { limits } = input;
    const isSingleUse = input.mode === "single-use";
    // Single-use: the keeper is the main process and gets its launch script from the
    // attached stdin (a parked container). Persistent: an idle main process; commands are execs.
    const [entrypoint, ...command] = isSingleUse ? keeperCommand("single") : ["/bin/sleep", "infinity"];
    const tmpfsOptions = (bytes, extra) => 
    // exec: compiled programs run from the workspace and /tmp, as on bubblewrap.
    `rw,exec,nosuid,nodev,size=${Math.max(4096, Math.floor(bytes))},${extra}`;
    return {
        name: input.name,
        Image: input.image,
        // Overriding the entrypoint too: an image's own entrypoint must not run first.
        Entrypoint: [entrypoint],
        Cmd: command,
        User: sandboxUser,
        WorkingDir: workspacePath,
        Hostname: "sandbox",
        Env: Object.entries(input.environment).map(([name, value]) => `${name}=${value}`),
        Labels: input.labels,
        NetworkDisabled: true,
        Tty: false,
        OpenStdin: isSingleUse,
        StdinOnce: isSingleUse,
        AttachStdin: isSingleUse,
        AttachStdout: isSingleUse,
        AttachStderr: isSingleUse,
        StopTimeout: 0,
        HostConfig: {
            NetworkMode: "none",
            Privileged: false,
            CapDrop: ["ALL"],
            CapAdd: [],
            SecurityOpt: ["no-new-privileges", `seccomp=${JSON.stringify(seccompProfile())}`],
            ReadonlyRootfs: true,
            // docker-init reaps orphans (a daemon's zombies) and forwards signals.
            Init: true,
            IpcMode: "private",
            CgroupnsMode: "private",
            // Sizes are enforced by the kernel; tmpfs pages also count against the memory limit.
            Tmpfs: {
                "/tmp": tmpfsOptions(limits.tmpBytes, "mode=1777"),
                ...(input.workspaceSource === undefined
                    ? { [workspacePath]: tmpfsOptions(limits.workspaceBytes, "uid=1000,gid=1000,mode=0700") }
                    : {}),
            },
            ShmSize: Math.max(4096, Math.floor(limits.tmpBytes)),
            Memory: Math.floor(limits.memoryBytes),
            // Equal to Memory: no swap at all, so a memory bomb meets the OOM killer, not the disk.
            MemorySwap: Math.floor(limits.memoryBytes),
            OomKillDisable: false,
            PidsLimit: limits.pids + pidsOverhead[input.mode],
            NanoCpus: Math.round(limits.cpuCores * 1e9),
            Ulimits: [
                { Name: "nofile", Soft: input.openFiles, Hard: input.openFiles },
                { Name: "core", Soft: 0, Hard: 0 },
            ],
            // Nothing from the host but a durable workspace, the channel and the agents' read-only
            // directories: no other binds, no devices, no Docker socket.
            Binds: [],
            Mounts: [
                ...(input.workspaceSource === undefined
                    ? []
                    : [
                        {
                            Type: "bind",
                            Source: input.workspaceSource,
                            Target: workspacePath,
                            ReadOnly: false,
                        },
                    ]),
                ...(input.channelSource === undefined
                    ? []
                    : [
                        {
                            Type: "bind",
                            Source: input.channelSource,
                            Target: channelMountPoint,
                            ReadOnly: false,
                        },
                    ]),
                ...(input.readOnlyMounts ?? []).map((mount) => ({
                    Type: "bind",
                    Source: mount.source,
                    Target: mount.target,
                    ReadOnly: input.areSourcesReadOnlyMounts !== true,
                })),
            ],
            Devices: [],
            // Output reaches us through the attach stream; a log file would only fill the host's disk.
            LogConfig: { Type: "none", Config: {} },
            RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
            AutoRemove: false,
        },
    };
}
//# sourceMappingURL=docker-container-spec.js.map