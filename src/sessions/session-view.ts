import type { SessionStatus } from "../events/session-events.js";
import type { AgentSessionRecord } from "./agent-session-repository.js";
import type { PendingInteraction } from "./interaction-broker.js";

/** A session as the API shows it (snake_case, no conversation, no owner secrets). */
export interface SessionView {
  session_id: string;
  project_id: string;
  user_id: string | null;
  model: string;
  approval: string;
  status: SessionStatus;
  status_reason: string | null;
  sandbox_id: string | null;
  queued_turns: number;
  /** The newest event's seq: a watcher that has it is up to date. */
  last_seq: number;
  usage: { input_tokens: number; output_tokens: number };
  /** Questions and permission requests waiting for an answer. */
  pending_interactions: PendingInteraction[];
  created_at: string;
  updated_at: string;
}

export function presentSession(
  session: AgentSessionRecord,
  extra: { queuedTurns: number; lastSeq: number; pendingInteractions: PendingInteraction[] },
): SessionView {
  return {
    session_id: session.id,
    project_id: session.projectId,
    user_id: session.userId,
    model: session.model,
    approval: session.approval,
    status: session.status,
    status_reason: session.statusReason,
    sandbox_id: session.sandboxId,
    queued_turns: extra.queuedTurns,
    last_seq: extra.lastSeq,
    usage: { input_tokens: session.inputTokens, output_tokens: session.outputTokens },
    pending_interactions: extra.pendingInteractions,
    created_at: session.createdAt.toISOString(),
    updated_at: session.updatedAt.toISOString(),
  };
}
