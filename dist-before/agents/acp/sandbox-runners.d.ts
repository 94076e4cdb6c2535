import type { Sandbox } from "../../sandbox/sandbox-port.js";
import type { AgentRunnerConnection, AgentRunners } from "./agent-runner-port.js";
/**
 * Starts the agent runner in a sandbox on first use and keeps one per
 * sandbox. The runner is an ordinary sandbox process (every limit of the
 * sandbox covers it and the agents it starts); the control plane reaches it
 * only through the unix socket it creates in the sandbox's channel directory.
 * A runner found alive there (it outlived an earlier Hangar process) is used
 * as it is, so an agent that kept working is followed, not restarted.
 */
/** Where the runner's pieces are inside every sandbox (the provider mounts them). */
export declare const runnerPaths: {
    readonly node: "/opt/hangar/agents/bin/node";
    readonly runner: "/opt/hangar/runner/agent-runner.mjs";
    readonly agents: "/opt/hangar/agents";
    readonly channel: "/.hangar/channel";
    readonly homeRoot: "/workspace/.hangar/home";
};
export interface SandboxRunnersOptions {
    /** Called before a runner starts, with the channel directory's host path: listen on the relay and egress sockets there. */
    prepareChannel(sandbox: Sandbox, channelDirectory: string): Promise<void>;
    /** Called when a sandbox's runner is gone, so its channel listeners can close. */
    releaseChannel?(sandbox: Sandbox, channelDirectory: string): Promise<void>;
    /** How long the runner may take to say it is ready. */
    startTimeoutMs?: number;
    /** The runner's own output beyond its ready line is logged here (it is short: warnings and errors). */
    log?(sandboxId: string, line: string): void;
}
export declare class SandboxRunners implements AgentRunners {
    #private;
    constructor(options: SandboxRunnersOptions);
    open(sandbox: Sandbox, signal: AbortSignal): Promise<AgentRunnerConnection>;
    /** Ends every runner this process started (their agents go with them). */
    stop(): Promise<void>;
}
