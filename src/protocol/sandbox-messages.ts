import { z } from "zod";
import { identifierSchema } from "./identifiers.js";

/*
 * Sandbox management (`/sandboxes/*`, RCoder's `/computer/pod/*`) speaks
 * snake_case, like the RCoder API it is compatible with (`user_id`,
 * `project_id`), unlike the Coderunner-compatible /run.
 */

export const sandboxStatusSchema = z.enum(["live", "gone", "removed"]);
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>;

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
export type Sandbox = z.infer<typeof sandboxSchema>;

export const sandboxPageSchema = z.object({
  sandboxes: z.array(sandboxSchema),
  next_cursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
});
export type SandboxPage = z.infer<typeof sandboxPageSchema>;

export const sandboxCountsSchema = z.object({
  total: z.number().int(),
  live: z.number().int(),
  groups: z.array(z.object({ provider: z.string(), status: sandboxStatusSchema, count: z.number().int() })),
});
export type SandboxCounts = z.infer<typeof sandboxCountsSchema>;

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
export type EnsureSandboxRequest = z.input<typeof ensureSandboxRequestSchema>;

export const ensureSandboxResponseSchema = z.object({
  sandbox: sandboxSchema,
  created: z.boolean().describe("False when the existing live sandbox was returned"),
});
export type EnsureSandboxResponse = z.infer<typeof ensureSandboxResponseSchema>;

export const fileEntrySchema = z.object({
  path: z.string().describe("Relative to the directory listed"),
  type: z.enum(["file", "directory", "symlink", "other"]),
  size: z.number().int(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const sandboxFileListSchema = z.object({ path: z.string(), entries: z.array(fileEntrySchema) });
export type SandboxFileList = z.infer<typeof sandboxFileListSchema>;

export const writtenFileSchema = z.object({ path: z.string(), size: z.number().int() });
export type WrittenFile = z.infer<typeof writtenFileSchema>;
