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
  /** The conversation as AI SDK `ModelMessage` objects; the store does not look inside. */
  messages: unknown[];
  inputTokens: number;
  outputTokens: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A new session; what is left out starts empty (`pending`, no sandbox, no messages, no tokens). */
export interface NewAgentSession {
  id: string;
  owner: string;
  projectId: string;
  userId?: string | null;
  model: string;
  approval: ApprovalMode;
  status?: SessionStatus;
  sandboxId?: string | null;
  messages?: unknown[];
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

/** The store port for agent sessions; SQLite today, Postgres later. */
export interface AgentSessionRepository {
  /** Throws (SQLITE_CONSTRAINT_PRIMARYKEY) when the id is taken. */
  create(session: NewAgentSession): AgentSessionRecord;
  get(id: string): AgentSessionRecord | undefined;
  /** Newest first, optionally only one project's. */
  listByOwner(owner: string, options: ListAgentSessionsOptions): AgentSessionRecord[];
  /** Every session in one of these statuses, oldest first: recovery after a restart. */
  listByStatus(statuses: readonly SessionStatus[]): AgentSessionRecord[];
  /** False when the session does not exist. The reason is cleared when none is given. */
  updateStatus(id: string, status: SessionStatus, reason?: string, at?: Date): boolean;
  /** False when the session does not exist. */
  setSandbox(id: string, sandboxId: string | null, at?: Date): boolean;
  /** Replaces the whole conversation; false when the session does not exist. */
  saveMessages(id: string, messages: readonly unknown[], at?: Date): boolean;
  /** False when the session does not exist. */
  setModel(id: string, model: string, at?: Date): boolean;
  /** False when the session does not exist. */
  setApproval(id: string, approval: ApprovalMode, at?: Date): boolean;
  /** Adds to the session's token counts and returns the new totals; throws SESSION_NOT_FOUND for an unknown id. */
  addUsage(id: string, inputTokens: number, outputTokens: number, at?: Date): TokenTotals;
}
