import type { SessionStatus } from "../events/session-events.js";
import { approvalPolicies, type ApprovalPolicy } from "../protocol/agent-requests.js";

/** How much an agent may do without asking: the protocol's approval policy. */
export type ApprovalMode = ApprovalPolicy;

export const approvalModes: readonly ApprovalMode[] = approvalPolicies;

/** What Hangar remembers about an agent session so it can resume it after a restart. */
export interface AgentSessionRecord {
  id: string;
  owner: string;
  projectId: string;
  userId: string | null;
  model: string;
  approval: ApprovalMode;
  status: SessionStatus;
  /** Why it has this status, when that is not obvious (a failure, a cancel). */
  statusReason: string | null;
  sandboxId: string | null;
  /** Which agent drives the session: `builtin` (Hangar's own loop), later external agents. */
  agent: string;
  /** What the session's agent driver keeps between turns (JSON); null until it saves some. */
  driverState: unknown;
  /** Stored credentials (names) the built-in agent may use through the proxy; fixed at creation. */
  credentials: string[];
  inputTokens: number;
  outputTokens: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A new session; what is left out starts empty (`pending`, `builtin`, no sandbox, no driver state, no tokens). */
export interface NewAgentSession {
  id: string;
  owner: string;
  projectId: string;
  userId?: string | null;
  model: string;
  approval: ApprovalMode;
  status?: SessionStatus;
  sandboxId?: string | null;
  agent?: string;
  credentials?: string[];
  createdAt: Date;
}

export interface ListAgentSessionsOptions {
  projectId?: string;
  limit: number;
}

export interface TokenTotals {
  inputTokens: number;
  outputTokens: number;
}

/**
 * The store port for agent sessions, owned by the sessions service (the store
 * implements it). Promises, so a remote store fits; SQLite resolves at once.
 */
export interface AgentSessionRepository {
  /** Rejects (SQLITE_CONSTRAINT_PRIMARYKEY) when the id is taken. */
  create(session: NewAgentSession): Promise<AgentSessionRecord>;
  get(id: string): Promise<AgentSessionRecord | undefined>;
  /** Newest first, optionally only one project's. */
  listByOwner(owner: string, options: ListAgentSessionsOptions): Promise<AgentSessionRecord[]>;
  /** Every session in one of these statuses, oldest first: recovery after a restart. */
  listByStatus(statuses: readonly SessionStatus[]): Promise<AgentSessionRecord[]>;
  /** How many sessions there are in each status (statuses with none are left out). */
  countByStatus(): Promise<Partial<Record<SessionStatus, number>>>;
  /** False when the session does not exist. The reason is cleared when none is given. */
  updateStatus(id: string, status: SessionStatus, reason?: string, at?: Date): Promise<boolean>;
  /** False when the session does not exist. */
  setSandbox(id: string, sandboxId: string | null, at?: Date): Promise<boolean>;
  /** Replaces the driver's state (any JSON value); false when the session does not exist. */
  saveDriverState(id: string, state: unknown, at?: Date): Promise<boolean>;
  /** False when the session does not exist. */
  setModel(id: string, model: string, at?: Date): Promise<boolean>;
  /** False when the session does not exist. */
  setApproval(id: string, approval: ApprovalMode, at?: Date): Promise<boolean>;
  /** Adds to the session's token counts and returns the new totals; rejects with SESSION_NOT_FOUND for an unknown id. */
  addUsage(id: string, inputTokens: number, outputTokens: number, at?: Date): Promise<TokenTotals>;
}
