import type { BindMount } from "./bind-mount.js";
/**
 * What external coding agents need in every sandbox, mounted read-only (nosuid,
 * nodev) by the providers: the agent runner's bundle and the directory agents are
 * installed into. The directory is mounted, not each agent, so a sandbox created
 * before an agent was installed sees it once it is.
 */
export declare const runnerMountPoint = "/opt/hangar/runner";
export declare const agentsMountPoint = "/opt/hangar/agents";
export interface AgentDirectories {
    /** Host directory holding the runner bundle (`<hangar install>/dist/runner`). */
    runner: string;
    /** Host directory agents are installed into (`agents.directory`). */
    agents: string;
}
/** The mounts for `directories`; creates the agents directory when it is missing (nothing installed yet). */
export declare function agentMounts(directories: AgentDirectories | undefined): Promise<BindMount[]>;
