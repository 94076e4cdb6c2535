import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { SandboxService } from "../../managed-sandboxes/sandbox-service.js";
import {
  maxListLimit,
  type ManagedSandbox,
  type SandboxCounts,
} from "../../managed-sandboxes/sandbox-types.js";
import {
  ensureSandboxRequestSchema as ensureBodySchema,
  ensureSandboxResponseSchema as ensureResponseSchema,
  fileEntrySchema,
  sandboxFileListSchema,
  sandboxCountsSchema as countResponseSchema,
  sandboxPageSchema as listResponseSchema,
  sandboxSchema,
  writtenFileSchema,
} from "../../protocol/index.js";
import { errorResponses, jsonBodyErrorCodes } from "../error-responses.js";
import { nameSchema } from "../openapi-components.js";

export interface SandboxesRoutesOptions {
  sandboxService: SandboxService;
}

const listQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxListLimit)
    .optional()
    .describe(`1-${maxListLimit}, default 100`),
  cursor: z.string().max(512).optional().describe("next_cursor of the previous page"),
});

const idParamsSchema = z.object({ id: z.string().min(1).max(128) });
const pathQuerySchema = z.object({ path: z.string().describe("Relative path inside the workspace") });
const optionalPathQuerySchema = z.object({
  path: z.string().optional().describe("Relative directory inside the workspace; the workspace when absent"),
});

/** Raw bytes, as OpenAPI spells a binary body; the schema documents and never serialises (Buffers pass as they are). */
const binarySchema = z
  .instanceof(Buffer)
  .meta({ type: "string", format: "binary", description: "The file's bytes" });

/** Errors of the routes that reach into one sandbox. */
const sandboxErrorCodes = ["VALIDATION_FAILED", "NOT_FOUND", "SANDBOX_GONE", "SANDBOX_ERROR"] as const;
const fileErrorCodes = [...sandboxErrorCodes, "INVALID_PATH", "PAYLOAD_TOO_LARGE", "CONFLICT"] as const;

function nameSandboxSchemas(): void {
  nameSchema(sandboxSchema, "Sandbox");
  nameSchema(listResponseSchema, "SandboxPage");
  nameSchema(countResponseSchema, "SandboxCounts");
  nameSchema(ensureBodySchema, "EnsureSandboxRequest");
  nameSchema(ensureResponseSchema, "EnsureSandboxResponse");
  nameSchema(fileEntrySchema, "FileEntry");
  nameSchema(writtenFileSchema, "WrittenFile");
}

export function toWire(sandbox: ManagedSandbox): z.infer<typeof sandboxSchema> {
  return {
    id: sandbox.id,
    provider: sandbox.provider,
    image: sandbox.image ?? null,
    owner: sandbox.owner,
    user_id: sandbox.userId ?? null,
    project_id: sandbox.projectId ?? null,
    status: sandbox.status,
    gone_reason: sandbox.goneReason ?? null,
    created_at: sandbox.createdAt.toISOString(),
    last_used_at: sandbox.lastUsedAt.toISOString(),
    expires_at: sandbox.expiresAt?.toISOString() ?? null,
    labels: sandbox.labels,
  };
}

function countsToWire(counts: SandboxCounts): z.infer<typeof countResponseSchema> {
  return { total: counts.total, live: counts.live, groups: counts.groups };
}

/** `/sandboxes/*` and the RCoder aliases `/computer/pod/*`; every call is scoped to request.owner. */
export const sandboxesRoutes: FastifyPluginAsyncZod<SandboxesRoutesOptions> = async (app, options) => {
  const service = options.sandboxService;
  const tags = ["sandboxes"];
  nameSandboxSchemas();

  for (const [url, operationId, summary] of [
    ["/sandboxes", "listSandboxes", "List the caller's sandboxes, newest first"],
    ["/computer/pod/list", "listPods", "List the caller's sandboxes (RCoder path)"],
  ] as const) {
    app.get(
      url,
      {
        schema: {
          operationId,
          summary,
          tags,
          querystring: listQuerySchema,
          response: { 200: listResponseSchema, ...errorResponses("VALIDATION_FAILED") },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        const page = await service.list(request.owner, {
          ...(limit === undefined ? {} : { limit }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return { sandboxes: page.sandboxes.map(toWire), next_cursor: page.nextCursor ?? null };
      },
    );
  }

  for (const [url, operationId, summary] of [
    ["/sandboxes/count", "countSandboxes", "Count the caller's sandboxes by provider and status"],
    ["/computer/pod/count", "countPods", "Count the caller's sandboxes (RCoder path)"],
  ] as const) {
    app.get(
      url,
      { schema: { operationId, summary, tags, response: { 200: countResponseSchema, ...errorResponses() } } },
      async (request) => countsToWire(await service.count(request.owner)),
    );
  }

  for (const [url, operationId, summary] of [
    [
      "/sandboxes/ensure",
      "ensureSandbox",
      "Get the live sandbox of a user and project, creating it if needed",
    ],
    ["/computer/pod/ensure", "ensurePod", "Get or create the sandbox of a user and project (RCoder path)"],
  ] as const) {
    app.post(
      url,
      {
        schema: {
          operationId,
          summary,
          description:
            "Idempotent: concurrent calls for the same user_id and project_id get the same sandbox. " +
            "429 QUOTA_EXCEEDED when sandboxes.max_per_owner or sandboxes.max_total is reached.",
          tags,
          body: ensureBodySchema,
          response: {
            200: ensureResponseSchema,
            ...errorResponses(
              ...jsonBodyErrorCodes,
              "QUOTA_EXCEEDED",
              "CONFLICT",
              "SANDBOX_ERROR",
              "ISOLATION_UNAVAILABLE",
              "ENGINE_UNAVAILABLE",
              "CAPACITY",
            ),
          },
        },
      },
      async (request) => {
        const { user_id: userId, project_id: projectId, image } = request.body;
        const result = await service.ensure(request.owner, {
          userId,
          projectId,
          ...(image === undefined || image === null ? {} : { image }),
        });
        return { sandbox: toWire(result.sandbox), created: result.created };
      },
    );
  }

  app.get(
    "/sandboxes/:id",
    {
      schema: {
        operationId: "getSandbox",
        summary: "One sandbox",
        tags,
        params: idParamsSchema,
        response: { 200: sandboxSchema, ...errorResponses("VALIDATION_FAILED", "NOT_FOUND") },
      },
    },
    async (request) => toWire(await service.get(request.owner, request.params.id)),
  );

  app.delete(
    "/sandboxes/:id",
    {
      schema: {
        operationId: "removeSandbox",
        summary: "Remove a sandbox and its files",
        tags,
        params: idParamsSchema,
        response: {
          204: z.undefined().describe("Removed"),
          ...errorResponses("VALIDATION_FAILED", "NOT_FOUND", "SANDBOX_ERROR"),
        },
      },
    },
    async (request, reply) => {
      await service.remove(request.owner, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    "/sandboxes/:id/files",
    {
      schema: {
        operationId: "listSandboxFiles",
        summary: "List files in a sandbox's workspace (16 levels deep at most)",
        tags,
        params: idParamsSchema,
        querystring: optionalPathQuerySchema,
        response: {
          200: sandboxFileListSchema,
          ...errorResponses(...sandboxErrorCodes, "INVALID_PATH"),
        },
      },
    },
    async (request) => {
      const { path } = request.query;
      const entries = await service.listFiles(request.owner, request.params.id, path);
      return { path: path ?? "", entries };
    },
  );

  app.get(
    "/sandboxes/:id/files/content",
    {
      schema: {
        operationId: "readSandboxFile",
        summary: "Read a file from a sandbox",
        description:
          "Answers with the file's bytes as application/octet-stream. 404 when there is no such file, " +
          "413 when it is larger than the file size limit.",
        tags,
        params: idParamsSchema,
        querystring: pathQuerySchema,
        response: {
          200: {
            description: "The file's bytes",
            content: { "application/octet-stream": { schema: binarySchema } },
          },
          ...errorResponses(...fileErrorCodes),
        },
      },
    },
    async (request, reply) => {
      const content = await service.readFile(request.owner, request.params.id, request.query.path);
      return reply
        .type("application/octet-stream")
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    },
  );

  // Its own context, so the raw-bytes parser below applies to this route only.
  await app.register(async (writer) => {
    writer.removeAllContentTypeParsers();
    // Any Content-Type is taken as the file's bytes: `curl --data-binary @file` sends a form type.
    writer.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: service.maxFileBytes },
      (_request, body, done) => done(null, body),
    );
    writer.withTypeProvider<ZodTypeProvider>().put(
      "/sandboxes/:id/files/content",
      {
        bodyLimit: service.maxFileBytes,
        config: { rawBodyMediaType: "application/octet-stream" },
        schema: {
          operationId: "writeSandboxFile",
          summary: "Write a file into a sandbox",
          description:
            "The request body is the file's raw bytes (any Content-Type, e.g. application/octet-stream), " +
            "at most the file size limit (413 beyond). Missing directories are created.",
          tags,
          params: idParamsSchema,
          querystring: pathQuerySchema,
          response: { 200: writtenFileSchema, ...errorResponses(...fileErrorCodes) },
        },
      },
      async (request) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        await service.writeFile(request.owner, request.params.id, request.query.path, body);
        return { path: request.query.path, size: body.byteLength };
      },
    );
  });
};
