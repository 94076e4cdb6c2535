import { refuseMistypedFields } from "../mistyped-fields.js";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  cancelRequestSchema,
  chatRequestSchema,
  chatResponseSchema,
  identifierSchema,
  projectStatusSchema,
  replyRequestSchema,
  replyResponseSchema,
  sessionEventSchema,
  sessionEventsPageSchema,
  sessionViewSchema,
  stopProjectRequestSchema,
  stopProjectResponseSchema,
} from "../../protocol/index.js";
import type { SessionService } from "../../sessions/session-service.js";
import { errorResponses, jsonBodyErrorCodes } from "../error-responses.js";
import { sessionEventFrames } from "../session-event-frames.js";
import { openSseStream, type SseStreamOptions } from "../sse.js";

/**
 * Agent sessions on the RCoder paths: `POST /chat`, the resumable SSE stream
 * `GET /agent/progress/{session_id}`, cancel, stop, status, and JSON views of
 * sessions, their event log and their pending interactions. Every shape is
 * the wire protocol's (`protocol/`).
 */
export interface AgentRoutesOptions {
  sessionService: SessionService;
  sse: SseStreamOptions;
}

const sessionParamsSchema = z.object({ session_id: z.string().min(1).max(128) });
const idParamsSchema = z.object({ id: z.string().min(1).max(128) });
const projectParamsSchema = z.object({ project_id: identifierSchema });
/** Events sent in one write at most: a watcher replaying a long session still yields between writes. */
const maxEventsPerWrite = 256;
const sinceSchema = z.coerce.number().int().min(0).optional().describe("Events after this seq");

export const agentRoutes: FastifyPluginAsyncZod<AgentRoutesOptions> = async (app, options) => {
  const service = options.sessionService;
  const tags = ["agent"];

  app.post(
    "/chat",
    {
      preValidation: refuseMistypedFields(Object.keys(chatRequestSchema.shape)),
      schema: {
        operationId: "chat",
        summary: "Start an agent session, or continue one with session_id",
        description:
          "Answers at once; watch the work on GET /agent/progress/{session_id}. A prompt sent to a session " +
          "that is busy is queued and runs after the current turn.",
        tags,
        body: chatRequestSchema,
        response: {
          200: chatResponseSchema,
          ...errorResponses(
            ...jsonBodyErrorCodes,
            "UNKNOWN_MODEL",
            "MISSING_API_KEY",
            "SESSION_NOT_FOUND",
            "AGENT_NOT_INSTALLED",
          ),
        },
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
        ...(body.agent ? { agent: body.agent } : {}),
        ...(body.credentials ? { credentials: body.credentials } : {}),
      });
    },
  );

  app.get(
    "/agent/progress/:session_id",
    {
      schema: {
        operationId: "followSessionProgress",
        summary: "Watch a session live (SSE), resumable",
        description:
          "Server-sent events, one per session event: `id:` is the event's seq, `event:` its name, " +
          "`data:` the whole event as JSON (a SessionEvent, told apart by `name`). Reconnect with " +
          "`Last-Event-ID` (or `?since=`) to get every later event exactly once. The stream ends after " +
          "`session.ended` when nothing is queued; a comment heartbeat is sent every 15 s.",
        tags,
        params: sessionParamsSchema,
        querystring: z.object({ since: sinceSchema }),
        response: {
          200: {
            description: "An event stream; each message's `data:` is one session event (JSON)",
            content: { "text/event-stream": { schema: sessionEventSchema } },
          },
          ...errorResponses("VALIDATION_FAILED", "SESSION_NOT_FOUND"),
        },
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
      for await (const first of subscription) {
        // The rest of a burst goes out in the same write: one write per watcher per turn, not per event.
        const events = [first, ...subscription.takeReady(maxEventsPerWrite)];
        if (!stream.sendFormatted(sessionEventFrames(events))) break;
        const last = events.at(-1) ?? first;
        const hasEnded = events.some((event) => event.name === "session.ended");
        if (hasEnded && (await service.isSettled(sessionId, last.seq))) break;
        // A full socket: live events pile up meanwhile; past maxQueued the subscriber drops them
        // and re-reads (the session's recent events in memory, else the store) once it drains.
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
        operationId: "cancelSession",
        summary: "Cancel a session's running turn (and its queued prompts)",
        description:
          "The turn's processes are killed; answers once the session has settled (within about 2 s).",
        tags,
        body: cancelRequestSchema,
        response: { 200: sessionViewSchema, ...errorResponses(...jsonBodyErrorCodes, "SESSION_NOT_FOUND") },
      },
    },
    async (request) => service.cancel(request.owner, request.body.session_id),
  );

  app.post(
    "/agent/stop",
    {
      schema: {
        operationId: "stopProject",
        summary: "Stop every agent of a project (its sandbox stays)",
        tags,
        body: stopProjectRequestSchema,
        response: { 200: stopProjectResponseSchema, ...errorResponses(...jsonBodyErrorCodes) },
      },
    },
    async (request) => service.stopProject(request.owner, request.body.project_id),
  );

  app.get(
    "/agent/status/:project_id",
    {
      schema: {
        operationId: "getProjectStatus",
        summary: "Whether a project's agents are idle, busy or waiting for an answer",
        tags,
        params: projectParamsSchema,
        response: { 200: projectStatusSchema, ...errorResponses("VALIDATION_FAILED") },
      },
    },
    async (request) => service.projectStatus(request.owner, request.params.project_id),
  );

  app.get(
    "/agent/sessions",
    {
      schema: {
        operationId: "listSessions",
        summary: "The caller's sessions, newest first",
        tags,
        querystring: z.object({ project_id: identifierSchema.optional() }),
        response: {
          200: z.object({ sessions: z.array(sessionViewSchema) }),
          ...errorResponses("VALIDATION_FAILED"),
        },
      },
    },
    async (request) => ({ sessions: await service.list(request.owner, request.query.project_id) }),
  );

  app.get(
    "/agent/sessions/:id",
    {
      schema: {
        operationId: "getSession",
        summary: "One session",
        tags,
        params: idParamsSchema,
        response: { 200: sessionViewSchema, ...errorResponses("VALIDATION_FAILED", "SESSION_NOT_FOUND") },
      },
    },
    async (request) => service.get(request.owner, request.params.id),
  );

  app.get(
    "/agent/sessions/:id/events",
    {
      schema: {
        operationId: "listSessionEvents",
        summary: "A page of a session's event log (the same events as the SSE stream)",
        tags,
        params: idParamsSchema,
        querystring: z.object({
          since: sinceSchema,
          limit: z.coerce.number().int().min(1).max(1000).optional().describe("1-1000, default 100"),
        }),
        response: {
          200: sessionEventsPageSchema,
          ...errorResponses("VALIDATION_FAILED", "SESSION_NOT_FOUND"),
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
        operationId: "replyToInteraction",
        summary: "Answer a permission request (approved) or a question (answer)",
        description:
          "The first answer wins; a later one gets 409 CONFLICT. Every watcher sees interaction.resolved.",
        tags,
        params: idParamsSchema,
        body: replyRequestSchema,
        response: {
          200: replyResponseSchema,
          ...errorResponses(...jsonBodyErrorCodes, "SESSION_NOT_FOUND", "NOT_FOUND", "CONFLICT"),
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
