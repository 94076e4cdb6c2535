import type { SessionStatus } from "../events/session-events.js";
import type { AgentSessionRecord, AgentSessionRepository, ApprovalMode, ListAgentSessionsOptions, NewAgentSession, TokenTotals } from "../sessions/agent-session-repository.js";
import type { Database } from "./open-database.js";
export declare class SqliteAgentSessionRepository implements AgentSessionRepository {
    #private;
    constructor(database: Database);
    create(session: NewAgentSession): Promise<AgentSessionRecord>;
    get(id: string): Promise<AgentSessionRecord | undefined>;
    listByOwner(owner: string, options: ListAgentSessionsOptions): Promise<AgentSessionRecord[]>;
    listByStatus(statuses: readonly SessionStatus[]): Promise<AgentSessionRecord[]>;
    countByStatus(): Promise<Partial<Record<SessionStatus, number>>>;
    updateStatus(id: string, status: SessionStatus, reason?: string, at?: Date): Promise<boolean>;
    setSandbox(id: string, sandboxId: string | null, at?: Date): Promise<boolean>;
    saveDriverState(id: string, state: unknown, at?: Date): Promise<boolean>;
    setModel(id: string, model: string, at?: Date): Promise<boolean>;
    setApproval(id: string, approval: ApprovalMode, at?: Date): Promise<boolean>;
    addUsage(id: string, inputTokens: number, outputTokens: number, at?: Date): Promise<TokenTotals>;
}
