import type { ApprovalPolicy } from "../agents/builtin/approval-policy.js";
import type { InteractionOutcome } from "../events/session-events.js";

/**
 * The wire shapes of the agent API as a client sees them (snake_case, like the
 * JSON). Shapes the services already define for the wire are re-exported as
 * types only (erased at run time), so the two cannot drift apart; the client
 * still never imports server or service code.
 */
export type {
  SessionEvent,
  SessionEventName,
  SessionEventPayloads,
  SessionStatus,
} from "../events/session-events.js";

export type { ApprovalPolicy } from "../agents/builtin/approval-policy.js";
export type { ChatResponse } from "../sessions/session-service.js";
export type { InteractionAnswer } from "../sessions/interaction-broker.js";
export type { SessionView } from "../sessions/session-view.js";

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

export interface ReplyResponse {
  interaction_id: string;
  outcome: InteractionOutcome;
  answer?: string;
}
