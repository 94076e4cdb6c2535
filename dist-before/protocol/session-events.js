import { z } from "zod";
/**
 * The events of an agent session, as every front end sees them. Each one is
 * stored with a per-session `seq` before it is sent; names are
 * `<entity>.<action>`, with `start | delta | end` for streamed things. Payload
 * fields are snake_case like the rest of the HTTP API. The types are inferred
 * from the schemas, so what the server documents is what the code sends.
 */
export const sessionStatusSchema = z.enum([
    "pending",
    "starting",
    "running",
    "waiting",
    "completed",
    "failed",
    "cancelled",
]);
/** The statuses a session ends in (a new prompt may reopen it). */
export const finalStatusSchema = z.enum(["completed", "failed", "cancelled"]);
export const terminalStatuses = new Set(finalStatusSchema.options);
export function isFinalStatus(status) {
    return terminalStatuses.has(status);
}
export const interactionKindSchema = z.enum(["permission", "question"]);
export const interactionOutcomeSchema = z.enum(["approved", "denied", "answered", "timeout", "cancelled"]);
/** A tool call's arguments as the model gave them (usually an object; absent when it gave none). */
const toolInputSchema = z.unknown().optional();
/** Every event's payload (`data`), by event name. */
export const sessionEventPayloadSchemas = {
    "session.status": z
        .object({
        status: sessionStatusSchema,
        reason: z.string().optional(),
        queued_turns: z.number().int().optional(),
    })
        .describe("The session moved to another status; `reason` says why when it is not obvious"),
    "turn.start": z
        .object({ turn_id: z.string(), prompt: z.string(), model: z.string() })
        .describe("A turn (one prompt) begins"),
    "message.delta": z
        .object({ message_id: z.string(), text: z.string() })
        .describe("A piece of the assistant's text; `message_id` groups the pieces of one message"),
    "message.end": z
        .object({ message_id: z.string(), text: z.string() })
        .describe("The assistant's whole message, once it is complete"),
    "reasoning.delta": z
        .object({ message_id: z.string(), text: z.string() })
        .describe("A piece of the agent's reasoning (external agents that show their thoughts)"),
    "plan.update": z
        .object({
        entries: z.array(z.object({
            content: z.string(),
            priority: z.enum(["high", "medium", "low"]),
            status: z.enum(["pending", "in_progress", "completed"]),
        })),
    })
        .describe("The agent's whole current plan (each update replaces the previous one)"),
    "tool.start": z
        .object({
        tool_call_id: z.string(),
        tool: z.string(),
        input: toolInputSchema,
        title: z.string().optional().describe("What an external agent calls this step, e.g. `Edit src/app.ts`"),
        kind: z
            .string()
            .optional()
            .describe("An external agent's tool kind: read, edit, delete, move, search, execute, think, fetch, other"),
        locations: z
            .array(z.object({ path: z.string(), line: z.number().int().optional() }))
            .optional()
            .describe("Files the step touches"),
    })
        .describe("The agent calls a tool"),
    "tool.delta": z
        .object({ tool_call_id: z.string(), stream: z.enum(["stdout", "stderr"]), text: z.string() })
        .describe("A piece of a running tool's output"),
    "tool.end": z
        .object({
        tool_call_id: z.string(),
        tool: z.string(),
        is_error: z.boolean(),
        output: z.string().describe("What the model was given (already truncated)"),
        duration_ms: z.number(),
    })
        .describe("A tool call finished"),
    "permission.requested": z
        .object({
        interaction_id: z.string(),
        tool_call_id: z.string(),
        tool: z.string(),
        input: toolInputSchema,
        summary: z.string().describe("One line a human can approve or deny, e.g. `bash: pytest -q`"),
        choices: z
            .array(z.string())
            .optional()
            .describe("An external agent's options (e.g. allow_once, allow_always, reject_once); a reply may name one in `answer`"),
        expires_at: z.string(),
    })
        .describe("A tool call waits for approval; answer on POST /agent/sessions/{id}/reply"),
    "question.asked": z
        .object({
        interaction_id: z.string(),
        tool_call_id: z.string(),
        question: z.string(),
        choices: z.array(z.string()).optional(),
        expires_at: z.string(),
    })
        .describe("The agent asks the user; answer on POST /agent/sessions/{id}/reply"),
    "interaction.resolved": z
        .object({
        interaction_id: z.string(),
        kind: interactionKindSchema,
        outcome: interactionOutcomeSchema,
        answer: z.string().optional(),
    })
        .describe("A question or permission request was answered, timed out or cancelled"),
    usage: z
        .object({
        input_tokens: z.number().int(),
        output_tokens: z.number().int(),
        session_input_tokens: z.number().int(),
        session_output_tokens: z.number().int(),
    })
        .describe("Tokens of the last model call and of the session so far"),
    error: z
        .object({ code: z.string(), message: z.string() })
        .describe("Something went wrong; the session may go on (a model retry) or end (see `session.ended`)"),
    "egress.allowed": z
        .object({
        host: z.string(),
        port: z.number().int(),
        address: z.string().describe("The resolved address the connection went to"),
    })
        .describe("The sandbox opened a connection through the egress proxy to an allowed host"),
    "egress.denied": z
        .object({ host: z.string(), port: z.number().int(), reason: z.string() })
        .describe("The egress proxy refused a connection (not on the allow list, or a forbidden address)"),
    "turn.end": z
        .object({ turn_id: z.string(), outcome: finalStatusSchema, reason: z.string().optional() })
        .describe("A turn finished; the session waits for the next prompt or is over"),
    "session.ended": z
        .object({ status: finalStatusSchema, reason: z.string().optional() })
        .describe("The session reached a terminal status; a new prompt may reopen it"),
};
function eventSchemaOf(name) {
    return z.object({
        session_id: z.string(),
        seq: z.number().int().describe("1, 2, 3, … per session, with no gaps; the SSE `id:`"),
        name: z.literal(name),
        data: sessionEventPayloadSchemas[name],
        created_at: z.string().describe("ISO 8601"),
    });
}
/** An event as stored and sent (the SSE `data:`, and the items of the events page), told apart by `name`. */
export const sessionEventSchema = z.discriminatedUnion("name", [
    eventSchemaOf("session.status"),
    eventSchemaOf("turn.start"),
    eventSchemaOf("message.delta"),
    eventSchemaOf("message.end"),
    eventSchemaOf("reasoning.delta"),
    eventSchemaOf("plan.update"),
    eventSchemaOf("tool.start"),
    eventSchemaOf("tool.delta"),
    eventSchemaOf("tool.end"),
    eventSchemaOf("permission.requested"),
    eventSchemaOf("question.asked"),
    eventSchemaOf("interaction.resolved"),
    eventSchemaOf("usage"),
    eventSchemaOf("error"),
    eventSchemaOf("egress.allowed"),
    eventSchemaOf("egress.denied"),
    eventSchemaOf("turn.end"),
    eventSchemaOf("session.ended"),
]);
export const sessionEventNames = sessionEventSchema.options.map((option) => option.shape.name.value);
const isSchemaType = true;
void isSchemaType;
//# sourceMappingURL=session-events.js.map