import { mkdir } from "node:fs/promises";
/**
 * What external coding agents need in every sandbox, mounted read-only (nosuid,
 * nodev) by the providers: the agent runner's bundle and the directory agents are
 * installed into. The directory is mounted, not each agent, so a sandbox created
 * before an agent was installed sees it once it is.
 */
export const runnerMountPoint = "/opt/hangar/runner";
export const agentsMountPoint = "/opt/hangar/agents";
/** The mounts for `directories`; creates the agents directory when it is missing (nothing installed yet). */
export async function agentMounts(directories) {
    if (directories === undefined)
        return [];
    // 0755: sandbox uids read installed agents through the mount.
    await mkdir(directories.agents, { recursive: true, mode: 0o755 });
    return [
        { source: directories.runner, target: runnerMountPoint },
        { source: directories.agents, target: agentsMountPoint },
    ];
}
//# sourceMappingURL=agent-mounts.js.map