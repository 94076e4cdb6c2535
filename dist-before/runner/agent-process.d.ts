import { type ClientConnection, type RequestPermissionRequest, type RequestPermissionResponse, type SessionNotification } from "@agentclientprotocol/sdk";
export interface AgentLaunch {
    command: string;
    args: string[];
    env: NodeJS.ProcessEnv;
    workspace: string;
}
export interface AgentExit {
    exitCode: number | null;
    signal: string | null;
    /** Set when the process could not be started at all (ENOENT, EACCES, …). */
    spawnError?: string;
    stderr: string;
}
export interface AgentEvents {
    update(notification: SessionNotification): void;
    requestPermission(request: RequestPermissionRequest): Promise<RequestPermissionResponse>;
    garbage(line: string): void;
    exited(exit: AgentExit): void;
}
export declare class AgentProcess {
    readonly connection: ClientConnection;
    readonly exited: Promise<AgentExit>;
    exit: AgentExit | undefined;
    private readonly child;
    private readonly terminals;
    private stderrTail;
    constructor(launch: AgentLaunch, events: AgentEvents);
    get pid(): number | undefined;
    /** Ends the agent: SIGTERM to its group, SIGKILL after graceMs (at once when graceMs is 0). */
    stop(graceMs: number): Promise<AgentExit>;
    private messagesFromStdout;
    private acpClient;
}
export declare function describeExit(exit: AgentExit): string;
