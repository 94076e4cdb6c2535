import { z } from "zod";
import { identifierSchema } from "./identifiers.js";
/*
 * Sandbox management (`/sandboxes/*`, RCoder's `/computer/pod/*`) speaks
 * snake_case, like the RCoder API it is compatible with (`user_id`,
 * `project_id`), unlike the Coderunner-compatible /run.
 */
export const sandboxStatusSchema = z.enum(["live", "gone", "removed"]);
export const sandboxSchema = z.object({
    id: z.string(),
    provider: z.string(),
    image: z.string().nullable().describe("The image it runs; null for providers without images (bwrap)"),
    owner: z.string(),
    user_id: z.string().nullable(),
    project_id: z.string().nullable(),
    status: sandboxStatusSchema,
    gone_reason: z.string().nullable().describe("Why it is gone (expired, lost on restart)"),
    created_at: z.string(),
    last_used_at: z.string(),
    expires_at: z.string().nullable().describe("While live: removed after this unless used again"),
    labels: z.record(z.string(), z.string()),
});
export const sandboxPageSchema = z.object({
    sandboxes: z.array(sandboxSchema),
    next_cursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
});
export const sandboxCountsSchema = z.object({
    total: z.number().int(),
    live: z.number().int(),
    groups: z.array(z.object({ provider: z.string(), status: sandboxStatusSchema, count: z.number().int() })),
});
export const ensureSandboxRequestSchema = z.object({
    user_id: identifierSchema,
    project_id: identifierSchema,
    image: z
        .string()
        .min(1)
        .max(256)
        .nullish()
        .describe("Image to run (Docker); the provider's default if absent"),
});
export const ensureSandboxResponseSchema = z.object({
    sandbox: sandboxSchema,
    created: z.boolean().describe("False when the existing live sandbox was returned"),
});
export const fileEntrySchema = z.object({
    path: z.string().describe("Relative to the directory listed"),
    type: z.enum(["file", "directory", "symlink", "other"]),
    size: z.number().int(),
});
export const sandboxFileListSchema = z.object({ path: z.string(), entries: z.array(fileEntrySchema) });
export const writtenFileSchema = z.object({ path: z.string(), size: z.number().int() });
//# sourceMappingURL=sandbox-messages.js.map