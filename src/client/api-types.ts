import type { SessionStatus } from "../events/session-events.js";

/**
 * The wire shapes of the agent API as a client sees them (snake_case, like the
 * JSON). Kept here rather than imported from `server/` or `sessions/`, so the
 * client depends on the HTTP contract only.
 */
export type {
  SessionEvent,
  SessionEventName,
  SessionEventPayloads,
  SessionStatus,
} from "../events/session-events.js";

export type ApprovalPolicy = "auto" | "ask" | "read-only";

export interface ChatRequest {
  prompt: string;
  project_id: string;
  /** Continue this session (multi-turn). */
  session_id?: string;
  user_id?: string;
  /** `provider:model`; the server's default when absent. */
  model?: string;
  approval?: ApprovalPolicy;
}

export interface ChatResponse {
  session_id: string;
  project_id: string;
  status: SessionStatus;
  turn_id: string;
}

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
  /** The newest event's seq. */
  last_seq: number;
  usage: { input_tokens: number; output_tokens: number };
  created_at: string;
  updated_at: string;
}

/** `approved` answers a permission request, `answer` a question. */
export interface InteractionAnswer {
  approved?: boolean;
  answer?: string;
}

export interface ReplyResponse {
  interaction_id: string;
  outcome: "approved" | "denied" | "answered" | "timeout" | "cancelled";
  answer?: string;
}
