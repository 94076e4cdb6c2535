import { type RequestPermissionOutcome } from "@agentclientprotocol/sdk";
import type { ChatRequest } from "../runner-protocol/agent_pb.js";
import { type LaunchPlaces } from "./agent-launch.js";
import { ProgressLog } from "./progress-log.js";
export interface SessionSettings extends LaunchPlaces {
    bufferEvents: number;
    startTimeoutMs: number;
    cancelGraceMs: number;
}
export interface ChatOutcome {
    acpSessionId: string;
    origin: "new" | "loaded" | "resumed" | "primed";
    agentVersion?: string;
}
export declare class AgentSession {
    readonly sessionId: string;
    private readonly settings;
    readonly log: ProgressLog;
    private agent;
    private acpSessionId;
    private agentVersion;
    private autoApprove;
    private starting;
    private prompt;
    private readonly permissions;
    constructor(sessionId: string, settings: SessionSettings);
    get busy(): boolean;
    get currentAcpSessionId(): string;
    get running(): boolean;
    /** Starts the agent and its ACP session when needed, then sends the prompt in the background. */
    chat(request: ChatRequest): Promise<ChatOutcome>;
    private start;
    private runPrompt;
    private askPermission;
    /** Answers a pending permission request; undefined optionId means cancelled. */
    resolvePermission(toolCallId: string, optionId: string | undefined): RequestPermissionOutcome;
    /** ACP session/cancel; the agent's process group is killed when the prompt has not ended within the grace. */
    cancel(): Promise<"idle" | "stopped" | "killed">;
    /** Stops the agent process; the session's log stays. */
    stopAgent(force: boolean): Promise<"stopped" | "already_stopped">;
    private agentExited;
}
