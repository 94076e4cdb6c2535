import type { Config } from "../config/config-schema.js";
import type { AgentDirectories } from "../sandbox/agent-mounts.js";
/**
 * Where this Hangar is installed: the directory of its package.json, found by
 * walking up from this module (src/, dist/, dist-bench/); what the install
 * ships besides code (the agent runner bundle) is found from there.
 */
export declare function hangarPackage(): {
    directory: string;
    version: string;
} | undefined;
/** The version in Hangar's package.json. */
export declare function hangarVersion(): string;
/**
 * The host directories every sandbox mounts for external agents: the runner
 * bundle the build writes to `<install>/dist/runner`, and `agents.directory`
 * (by default `<data dir>/agents`), which `hangar agents install` fills.
 */
export declare function agentDirectories(config: Config, dataDirectory: string): AgentDirectories;
