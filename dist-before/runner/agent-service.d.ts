import { type ServiceImpl } from "@connectrpc/connect";
import { AgentService } from "../runner-protocol/agent_pb.js";
import { AgentSession, type SessionSettings } from "./agent-session.js";
export interface ServiceSettings extends SessionSettings {
    heartbeatMs: number;
}
export declare class AgentSessions {
    readonly settings: ServiceSettings;
    private readonly sessions;
    private readonly startedAt;
    constructor(settings: ServiceSettings);
    /** Sessions exist from the first Chat or SubscribeProgress, so a subscriber can wait for a prompt. */
    get(sessionId: string): AgentSession;
    find(sessionId: string): AgentSession | undefined;
    all(): AgentSession[];
    get uptimeSeconds(): bigint;
    stopAll(): Promise<void>;
}
export declare function agentService(sessions: AgentSessions): ServiceImpl<typeof AgentService>;
