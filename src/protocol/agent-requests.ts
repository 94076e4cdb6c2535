import { z } from "zod";
import { identifierSchema } from "./identifiers.js";
import { interactionOutcomeSchema, sessionStatusSchema } from "./session-events.js";

/**
 * What a session lets its agent do without asking. Everything runs inside the
 * project's sandbox either way; the policy is about the user's project, not
 * the host.
 */
export const approvalPolicySchema = z
  .enum(["auto", "ask", "read-only"])
  .describe("auto: everything inside the sandbox runs; ask: shell, writes and commits wait for approval");
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;
export const approvalPolicies: readonly ApprovalPolicy[] = approvalPolicySchema.options;

/** `POST /chat`: start a session, or continue one. Optional fields may also be sent as null. */
export const chatRequestSchema = z.object({
  prompt: z.string().describe("What the agent should do"),
  project_id: identifierSchema.describe("The project; its sandbox is ensured on demand"),
  session_id: identifierSchema
    .nullish()
    .describe("Continue this session (multi-turn); an id nobody has starts a new session under it"),
  user_id: identifierSchema
    .nullish()
    .describe("The user within the owner (selects the sandbox); `default` if absent"),
  model: z.string().min(1).max(256).nullish().describe("`provider:model`; the configured default if absent"),
  approval: approvalPolicySchema.nullish(),
  agent: z
    .string()
    .min(1)
    .max(64)
    .nullish()
    .describe(
      "Which agent works the session: `builtin` (Hangar's own) or an installed external agent (`hangar agents ls`); a session keeps its agent. The configured default if absent",
    ),
  credentials: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be a credential name (`hangar credentials ls`)"),
    )
    .max(8)
    .nullish()
    .describe(
      "Stored credentials (by name) the built-in agent may use through its `http_request` tool: each gets a proxy grant bound to this session, revoked when its turn ends; the token never reaches the sandbox or the model. Set when the session starts; a session keeps them",
    ),
});
export type ChatRequest = z.input<typeof chatRequestSchema>;

export const chatResponseSchema = z.object({
  session_id: z.string(),
  project_id: z.string(),
  status: sessionStatusSchema,
  turn_id: z.string(),
});
export type ChatResponse = z.infer<typeof chatResponseSchema>;

/** The answer to a permission request (`approved`) or a question (`answer`). */
export const interactionAnswerSchema = z.object({
  approved: z.boolean().optional().describe("For permission.requested"),
  answer: z
    .string()
    .max(10_000)
    .optional()
    .describe("For question.asked; for permission.requested, optionally one of its `choices`"),
});
export type InteractionAnswer = z.infer<typeof interactionAnswerSchema>;

/** `POST /agent/sessions/{id}/reply`. */
export const replyRequestSchema = z.object({
  interaction_id: z.string().min(1).max(128),
  ...interactionAnswerSchema.shape,
});
export type ReplyRequest = z.infer<typeof replyRequestSchema>;

export const replyResponseSchema = z.object({
  interaction_id: z.string(),
  outcome: interactionOutcomeSchema,
  answer: z.string().optional(),
});
export type ReplyResponse = z.infer<typeof replyResponseSchema>;

/** `POST /agent/session/cancel`. */
export const cancelRequestSchema = z.object({ session_id: z.string().min(1).max(128) });
export type CancelRequest = z.infer<typeof cancelRequestSchema>;

/** `POST /agent/stop`. */
export const stopProjectRequestSchema = z.object({ project_id: identifierSchema });
export type StopProjectRequest = z.infer<typeof stopProjectRequestSchema>;

export const stopProjectResponseSchema = z.object({ project_id: z.string(), stopped: z.array(z.string()) });
export type StopProjectResponse = z.infer<typeof stopProjectResponseSchema>;
