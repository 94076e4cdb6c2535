/**
 * The events of an agent session, as every front end sees them. Each one is
 * stored with a per-session `seq` before it is sent; names are
 * `<entity>.<action>`, with `start | delta | end` for streamed things. Payload
 * fields are snake_case like the rest of the HTTP API.
 */
export type SessionStatus =
  "pending" | "starting" | "running" | "waiting" | "completed" | "failed" | "cancelled";

export const terminalStatuses: ReadonlySet<SessionStatus> = new Set(["completed", "failed", "cancelled"]);

export type InteractionKind = "permission" | "question";
export type InteractionOutcome = "approved" | "denied" | "answered" | "timeout" | "cancelled";

export interface SessionEventPayloads {
  /** The session moved to another status; `reason` says why when it is not obvious. */
  "session.status": { status: SessionStatus; reason?: string; queued_turns?: number };
  /** A turn (one prompt) begins. */
  "turn.start": { turn_id: string; prompt: string; model: string };
  /** A piece of the assistant's text; `message_id` groups the pieces of one message. */
  "message.delta": { message_id: string; text: string };
  /** The assistant's whole message, once it is complete. */
  "message.end": { message_id: string; text: string };
  "tool.start": { tool_call_id: string; tool: string; input: unknown };
  "tool.delta": { tool_call_id: string; stream: "stdout" | "stderr"; text: string };
  "tool.end": {
    tool_call_id: string;
    tool: string;
    is_error: boolean;
    /** What the model was given (already truncated). */
    output: string;
    duration_ms: number;
  };
  "permission.requested": {
    interaction_id: string;
    tool_call_id: string;
    tool: string;
    input: unknown;
    /** One line a human can approve or deny, e.g. `bash: pytest -q`. */
    summary: string;
    expires_at: string;
  };
  "question.asked": {
    interaction_id: string;
    tool_call_id: string;
    question: string;
    choices?: string[];
    expires_at: string;
  };
  "interaction.resolved": {
    interaction_id: string;
    kind: InteractionKind;
    outcome: InteractionOutcome;
    answer?: string;
  };
  /** Tokens of the last model call and of the session so far. */
  usage: {
    input_tokens: number;
    output_tokens: number;
    session_input_tokens: number;
    session_output_tokens: number;
  };
  /** Something went wrong; the session may go on (a model retry) or end (see `session.ended`). */
  error: { code: string; message: string };
  /** A turn finished; the session waits for the next prompt or is over. */
  "turn.end": { turn_id: string; outcome: "completed" | "failed" | "cancelled"; reason?: string };
  /** The session reached a terminal status; a new prompt may reopen it. */
  "session.ended": { status: "completed" | "failed" | "cancelled"; reason?: string };
}

export type SessionEventName = keyof SessionEventPayloads;

export const sessionEventNames: readonly SessionEventName[] = [
  "session.status",
  "turn.start",
  "message.delta",
  "message.end",
  "tool.start",
  "tool.delta",
  "tool.end",
  "permission.requested",
  "question.asked",
  "interaction.resolved",
  "usage",
  "error",
  "turn.end",
  "session.ended",
];

/** An event as stored and sent. */
export interface SessionEvent<Name extends SessionEventName = SessionEventName> {
  session_id: string;
  /** 1, 2, 3, … per session, with no gaps. */
  seq: number;
  name: Name;
  data: SessionEventPayloads[Name];
  /** ISO 8601. */
  created_at: string;
}
