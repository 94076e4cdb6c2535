import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { approvalPolicies } from "../../agents/builtin/approval-policy.js";
import { sessionEventNames } from "../../events/session-events.js";
import type { SessionService } from "../../sessions/session-service.js";
import { errorResponses, sessionIdSchema } from "../api-schemas.js";
import { openSseStream, type SseStreamOptions } from "../sse.js";

/**
 * Agent sessions on the RCoder paths: `POST /chat`, the resumable SSE stream
 * `GET /agent/progress/{session_id}`, cancel, stop, status, and JSON views of
 * sessions, their event log and their pending interactions.
 */
export interface AgentRoutesOptions {
  sessionService: SessionService;
  sse: SseStreamOptions;
}

const identifierSchema = sessionIdSchema;

const chatBodySchema = z.object({
  prompt: z.string().describe("What the agent should do"),
  project_id: identifierSchema.describe("The project; its sandbox is ensured on demand"),
  session_id: identifierSchema.nullish().describe("Continue this session (multi-turn)"),
  user_id: identifierSchema
    .nullish()
    .describe("The user within the owner (selects the sandbox); `default` if absent"),
  model: z.string().min(1).max(256).nullish().describe("`provider:model`; the configured default if absent"),
  approval: z
    .enum(approvalPolicies as unknown as ["auto", "ask", "read-only"])
    .nullish()
    .describe("auto: everything inside the sandbox runs; ask: shell, writes and commits wait for approval"),
});

const statusSchema = z.enum([
  "pending",
  "starting",
  "running",
  "waiting",
  "completed",
  "failed",
  "cancelled",
]);

const chatResponseSchema = z.object({
  session_id: z.string(),
  project_id: z.string(),
  status: statusSchema,
  turn_id: z.string(),
});

const sessionSchema = z.object({
  session_id: z.string(),
  project_id: z.string(),
  user_id: z.string().nullable(),
  model: z.string(),
  approval: z.string(),
  status: statusSchema,
  status_reason: z.string().nullable(),
  sandbox_id: z.string().nullable(),
  queued_turns: z.number().int(),
  last_seq: z.number().int(),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }),
  pending_interactions: z
    .array(
      z.object({
        interaction_id: z.string(),
        kind: z.enum(["permission", "question"]),
        tool_call_id: z.string(),
        request: z.unknown(),
        expires_at: z.string(),
      }),
    )
    .describe("Questions and permission requests waiting for an answer"),
  created_at: z.string(),
  updated_at: z.string(),
});

const eventSchema = z.object({
  session_id: z.string(),
  seq: z.number().int(),
  name: z.enum(sessionEventNames as unknown as [string, ...string[]]),
  data: z.unknown(),
  created_at: z.string(),
});

const sessionParamsSchema = z.object({ session_id: z.string().min(1).max(128) });
const idParamsSchema = z.object({ id: z.string().min(1).max(128) });
const projectParamsSchema = z.object({ project_id: identifierSchema });
const sinceSchema = z.coerce.number().int().min(0).optional().describe("Events after this seq");

export const agentRoutes: FastifyPluginAsyncZod<AgentRoutesOptions> = async (app, options) => {
  const service = options.sessionService;
  const tags = ["agent"];

  app.post(
    "/chat",
    {
      schema: {
        summary: "Start an agent session, or continue one with session_id",
        description:
          "Answers at once; watch the work on GET /agent/progress/{session_id}. A prompt sent to a session " +
          "that is busy is queued and runs after the current turn.",
        tags,
        body: chatBodySchema,
        response: { 200: chatResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body;
      return service.chat(request.owner, {
        prompt: body.prompt,
        projectId: body.project_id,
        ...(body.session_id ? { sessionId: body.session_id } : {}),
        ...(body.user_id ? { userId: body.user_id } : {}),
        ...(body.model ? { model: body.model } : {}),
        ...(body.approval ? { approval: body.approval } : {}),
      });
    },
  );

  app.get(
    "/agent/progress/:session_id",
    {
      schema: {
        summary: "Watch a session live (SSE), resumable",
        description:
          "`id:` is the event's seq, `event:` its name, `data:` the event as JSON. Reconnect with " +
          "`Last-Event-ID` (or `?since=`) to get every later event exactly once. The stream ends after " +
          "`session.ended` when nothing is queued; a comment heartbeat is sent every 15 s.",
        tags,
        params: sessionParamsSchema,
        querystring: z.object({ since: sinceSchema }),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const lastEventId = request.headers["last-event-id"];
      const fromHeader =
        typeof lastEventId === "string" && /^\d+$/.test(lastEventId) ? Number(lastEventId) : undefined;
      const since = fromHeader ?? request.query.since ?? 0;
      const sessionId = request.params.session_id;
      const subscription = await service.subscribe(request.owner, sessionId, since);
      const stream = openSseStream(reply, options.sse);
      stream.signal.addEventListener("abort", () => subscription.close(), { once: true });
      stream.comment("connected");
      if (await service.isSettled(sessionId, since)) {
        subscription.close();
        stream.end();
        return;
      }
      for await (const event of subscription) {
        if (!stream.send({ id: event.seq, event: event.name, data: JSON.stringify(event) })) break;
        if (event.name === "session.ended" && (await service.isSettled(sessionId, event.seq))) break;
        await stream.drained();
      }
      subscription.close();
      stream.end();
    },
  );

  app.post(
    "/agent/session/cancel",
    {
      schema: {
        summary: "Cancel a session's running turn (and its queued prompts)",
        description:
          "The turn's processes are killed; answers once the session has settled (within about 2 s).",
        tags,
        body: z.object({ session_id: z.string().min(1).max(128) }),
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request) => service.cancel(request.owner, request.body.session_id),
  );

  app.post(
    "/agent/stop",
    {
      schema: {
        summary: "Stop every agent of a project (its sandbox stays)",
        tags,
        body: z.object({ project_id: identifierSchema }),
        response: {
          200: z.object({ project_id: z.string(), stopped: z.array(z.string()) }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.stopProject(request.owner, request.body.project_id),
  );

  app.get(
    "/agent/status/:project_id",
    {
      schema: {
        summary: "Whether a project's agents are idle, busy or waiting for an answer",
        tags,
        params: projectParamsSchema,
        response: {
          200: z.object({
            project_id: z.string(),
            status: z.enum(["idle", "busy", "waiting"]),
            sessions: z.array(sessionSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.projectStatus(request.owner, request.params.project_id),
  );

  app.get(
    "/agent/sessions",
    {
      schema: {
        summary: "The caller's sessions, newest first",
        tags,
        querystring: z.object({ project_id: identifierSchema.optional() }),
        response: { 200: z.object({ sessions: z.array(sessionSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ sessions: await service.list(request.owner, request.query.project_id) }),
  );

  app.get(
    "/agent/sessions/:id",
    {
      schema: {
        summary: "One session",
        tags,
        params: idParamsSchema,
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request) => service.get(request.owner, request.params.id),
  );

  app.get(
    "/agent/sessions/:id/events",
    {
      schema: {
        summary: "A page of a session's event log (the same events as the SSE stream)",
        tags,
        params: idParamsSchema,
        querystring: z.object({
          since: sinceSchema,
          limit: z.coerce.number().int().min(1).max(1000).optional().describe("1-1000, default 100"),
        }),
        response: {
          200: z.object({ events: z.array(eventSchema), next_since: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      service.events(request.owner, request.params.id, request.query.since, request.query.limit),
  );

  app.post(
    "/agent/sessions/:id/reply",
    {
      schema: {
        summary: "Answer a permission request (approved) or a question (answer)",
        description:
          "The first answer wins; a later one gets 409 CONFLICT. Every watcher sees interaction.resolved.",
        tags,
        params: idParamsSchema,
        body: z.object({
          interaction_id: z.string().min(1).max(128),
          approved: z.boolean().optional().describe("For permission.requested"),
          answer: z.string().max(10_000).optional().describe("For question.asked"),
        }),
        response: {
          200: z.object({
            interaction_id: z.string(),
            outcome: z.enum(["approved", "denied", "answered", "timeout", "cancelled"]),
            answer: z.string().optional(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const body = request.body;
      const resolution = await service.reply(request.owner, request.params.id, body.interaction_id, {
        ...(body.approved === undefined ? {} : { approved: body.approved }),
        ...(body.answer === undefined ? {} : { answer: body.answer }),
      });
      return { interaction_id: body.interaction_id, ...resolution };
    },
  );
};
