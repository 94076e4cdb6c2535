import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { HangarError } from "../core/errors.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import { maxListLimit } from "../managed-sandboxes/sandbox-types.js";
import {
  ensureSandboxRequestSchema,
  ensureSandboxResponseSchema,
  sandboxFileListSchema,
  sandboxPageSchema,
  writtenFileSchema,
} from "../protocol/index.js";
import { toWire } from "../server/routes/sandboxes.js";
import type { ToolContext } from "./tool-context.js";
import { unnamed } from "./tool-results.js";

const sandboxIdSchema = z
  .string()
  .min(1)
  .max(128)
  .describe("The sandbox's id (sandbox_ensure, sandbox_list)");
const pathSchema = z.string().describe("Relative path inside the workspace");
const encodingSchema = z
  .enum(["utf8", "base64"])
  .default("utf8")
  .describe("utf8 for text; base64 for any bytes");

/**
 * The managed sandboxes of `/sandboxes` as tools. Another owner's sandbox
 * answers NOT_FOUND exactly like an unknown id: SandboxService scopes by owner.
 */
export function registerSandboxTools(
  server: McpServer,
  context: ToolContext,
  sandboxes: SandboxService,
): void {
  const { owner } = context;

  server.registerTool(
    "sandbox_ensure",
    {
      title: "Ensure a sandbox",
      description:
        "Gets the live sandbox of a user and project, creating it if needed (idempotent). Its files persist " +
        "across calls; use sandbox_write_file / sandbox_read_file / sandbox_list_files with its id.",
      inputSchema: unnamed(ensureSandboxRequestSchema),
      outputSchema: unnamed(ensureSandboxResponseSchema),
      annotations: { idempotentHint: true, openWorldHint: false },
    },
    async ({ user_id: userId, project_id: projectId, image }) =>
      context.answer(async () => {
        const result = await sandboxes.ensure(owner, {
          userId,
          projectId,
          ...(image === undefined || image === null ? {} : { image }),
        });
        return { sandbox: toWire(result.sandbox), created: result.created };
      }),
  );

  server.registerTool(
    "sandbox_list",
    {
      title: "List sandboxes",
      description: "The caller's sandboxes, newest first, one page at a time.",
      inputSchema: z.object({
        limit: z
          .number()
          .int()
          .min(1)
          .max(maxListLimit)
          .optional()
          .describe(`1-${maxListLimit}, default 100`),
        cursor: z.string().max(512).optional().describe("next_cursor of the previous page"),
      }),
      outputSchema: unnamed(sandboxPageSchema),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ limit, cursor }) =>
      context.answer(async () => {
        const page = await sandboxes.list(owner, {
          ...(limit === undefined ? {} : { limit }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return { sandboxes: page.sandboxes.map(toWire), next_cursor: page.nextCursor ?? null };
      }),
  );

  server.registerTool(
    "sandbox_list_files",
    {
      title: "List a sandbox's files",
      description: "Files in a sandbox's workspace (16 levels deep at most), or in one directory of it.",
      inputSchema: z.object({
        sandbox_id: sandboxIdSchema,
        path: pathSchema.optional().describe("A directory inside the workspace; the workspace when absent"),
      }),
      outputSchema: unnamed(sandboxFileListSchema),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ sandbox_id: id, path }) =>
      context.answer(async () => ({
        path: path ?? "",
        entries: await sandboxes.listFiles(owner, id, path),
      })),
  );

  server.registerTool(
    "sandbox_read_file",
    {
      title: "Read a sandbox file",
      description:
        "A file's content: utf8 text (when the bytes are not valid UTF-8, ask again with encoding base64) or base64.",
      inputSchema: z.object({ sandbox_id: sandboxIdSchema, path: pathSchema, encoding: encodingSchema }),
      outputSchema: z.object({
        path: z.string(),
        size: z.number().int(),
        encoding: z.enum(["utf8", "base64"]),
        content: z.string(),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ sandbox_id: id, path, encoding }) =>
      context.answer(async () => {
        const bytes = Buffer.from(await sandboxes.readFile(owner, id, path));
        if (encoding === "base64") {
          return { path, size: bytes.byteLength, encoding, content: bytes.toString("base64") };
        }
        let content: string;
        try {
          content = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          throw new HangarError(
            "VALIDATION_FAILED",
            `${path} is not UTF-8 text; read it with encoding base64`,
            {
              field: "encoding",
            },
          );
        }
        return { path, size: bytes.byteLength, encoding, content };
      }),
  );

  server.registerTool(
    "sandbox_write_file",
    {
      title: "Write a sandbox file",
      description:
        "Writes a file into a sandbox's workspace (missing directories are created), at most the file size limit.",
      inputSchema: z.object({
        sandbox_id: sandboxIdSchema,
        path: pathSchema,
        content: z.string().describe("The file's content, encoded as `encoding` says"),
        encoding: encodingSchema,
      }),
      outputSchema: unnamed(writtenFileSchema),
      annotations: { destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ sandbox_id: id, path, content, encoding }) =>
      context.answer(async () => {
        const bytes = Buffer.from(content, encoding === "base64" ? "base64" : "utf8");
        if (bytes.byteLength > sandboxes.maxFileBytes) {
          throw new HangarError(
            "PAYLOAD_TOO_LARGE",
            `content is ${bytes.byteLength} bytes; the file size limit is ${sandboxes.maxFileBytes}`,
            { field: "content" },
          );
        }
        await sandboxes.writeFile(owner, id, path, bytes);
        return { path, size: bytes.byteLength };
      }),
  );
}
