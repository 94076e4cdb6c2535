import { z } from "zod";
/**
 * What a session lets its agent do without asking. Everything runs inside the
 * project's sandbox either way; the policy is about the user's project, not
 * the host.
 */
export declare const approvalPolicySchema: z.ZodEnum<{
    auto: "auto";
    ask: "ask";
    "read-only": "read-only";
}>;
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;
export declare const approvalPolicies: readonly ApprovalPolicy[];
/** `POST /chat`: start a session, or continue one. Optional fields may also be sent as null. */
export declare const chatRequestSchema: z.ZodObject<{
    prompt: z.ZodString;
    project_id: z.ZodString;
    session_id: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    user_id: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    model: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    approval: z.ZodOptional<z.ZodNullable<z.ZodEnum<{
        auto: "auto";
        ask: "ask";
        "read-only": "read-only";
    }>>>;
    agent: z.ZodOptional<z.ZodNullable<z.ZodString>>;
}, z.core.$strip>;
export type ChatRequest = z.input<typeof chatRequestSchema>;
export declare const chatResponseSchema: z.ZodObject<{
    session_id: z.ZodString;
    project_id: z.ZodString;
    status: z.ZodEnum<{
        pending: "pending";
        starting: "starting";
        running: "running";
        waiting: "waiting";
        completed: "completed";
        failed: "failed";
        cancelled: "cancelled";
    }>;
    turn_id: z.ZodString;
}, z.core.$strip>;
export type ChatResponse = z.infer<typeof chatResponseSchema>;
/** The answer to a permission request (`approved`) or a question (`answer`). */
export declare const interactionAnswerSchema: z.ZodObject<{
    approved: z.ZodOptional<z.ZodBoolean>;
    answer: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type InteractionAnswer = z.infer<typeof interactionAnswerSchema>;
/** `POST /agent/sessions/{id}/reply`. */
export declare const replyRequestSchema: z.ZodObject<{
    approved: z.ZodOptional<z.ZodBoolean>;
    answer: z.ZodOptional<z.ZodString>;
    interaction_id: z.ZodString;
}, z.core.$strip>;
export type ReplyRequest = z.infer<typeof replyRequestSchema>;
export declare const replyResponseSchema: z.ZodObject<{
    interaction_id: z.ZodString;
    outcome: z.ZodEnum<{
        cancelled: "cancelled";
        approved: "approved";
        denied: "denied";
        answered: "answered";
        timeout: "timeout";
    }>;
    answer: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type ReplyResponse = z.infer<typeof replyResponseSchema>;
/** `POST /agent/session/cancel`. */
export declare const cancelRequestSchema: z.ZodObject<{
    session_id: z.ZodString;
}, z.core.$strip>;
export type CancelRequest = z.infer<typeof cancelRequestSchema>;
/** `POST /agent/stop`. */
export declare const stopProjectRequestSchema: z.ZodObject<{
    project_id: z.ZodString;
}, z.core.$strip>;
export type StopProjectRequest = z.infer<typeof stopProjectRequestSchema>;
export declare const stopProjectResponseSchema: z.ZodObject<{
    project_id: z.ZodString;
    stopped: z.ZodArray<z.ZodString>;
}, z.core.$strip>;
export type StopProjectResponse = z.infer<typeof stopProjectResponseSchema>;
