import { z } from "zod";
import { approvalPolicySchema } from "./agent-requests.js";
import { interactionKindSchema, sessionEventSchema, sessionStatusSchema } from "./session-events.js";
/** A question or permission request waiting for an answer, for front ends that join late. */
export const pendingInteractionSchema = z.object({
    interaction_id: z.string(),
    kind: interactionKindSchema,
    tool_call_id: z.string(),
    request: z
        .unknown()
        .describe("The question (with choices) or the tool call awaiting permission (with its summary)"),
    expires_at: z.string(),
});
/** A session as the API shows it (snake_case, no conversation, no owner secrets). */
export const sessionViewSchema = z.object({
    session_id: z.string(),
    project_id: z.string(),
    user_id: z.string().nullable(),
    model: z.string(),
    agent: z.string().describe("`builtin` or the external agent working the session"),
    approval: approvalPolicySchema,
    status: sessionStatusSchema,
    status_reason: z.string().nullable(),
    sandbox_id: z.string().nullable(),
    queued_turns: z.number().int(),
    last_seq: z.number().int().describe("The newest event's seq: a watcher that has it is up to date"),
    usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }),
    pending_interactions: z
        .array(pendingInteractionSchema)
        .describe("Questions and permission requests waiting for an answer"),
    created_at: z.string(),
    updated_at: z.string(),
});
/** `GET /agent/status/{project_id}`. */
export const projectStatusSchema = z.object({
    project_id: z.string(),
    status: z.enum(["idle", "busy", "waiting"]),
    sessions: z.array(sessionViewSchema),
});
/** `GET /agent/sessions/{id}/events`: a page of the event log. */
export const sessionEventsPageSchema = z.object({
    events: z.array(sessionEventSchema),
    next_since: z.number().int().describe("Ask with since= this for the next page"),
});
//# sourceMappingURL=session-view.js.map