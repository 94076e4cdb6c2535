import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { SessionEvent } from "../events/session-events.js";
import {
  chatRequestSchema,
  chatResponseSchema,
  replyRequestSchema,
  replyResponseSchema,
  sessionEventsPageSchema,
  sessionViewSchema,
} from "../protocol/index.js";
import type { SessionService } from "../sessions/session-service.js";
import { describeEvent } from "./event-summary.js";
import { progressReporter, type ToolExtra } from "./progress.js";
import type { ToolContext } from "./tool-context.js";
import { unnamed } from "./tool-results.js";

const sessionIdSchema = z.string().min(1).max(128).describe("The session's id (agent_start answers it)");
/** One agent_events page at most: a long session is read in pages, never in one giant answer. */
export const maxEventsPerPage = 200;
/** The longest agent_start may wait; a client that wants longer follows with agent_events. */
export const maxWaitSeconds = 600;

const startInputSchema = chatRequestSchema.extend({
  wait_seconds: z
    .number()
    .min(0)
    .max(maxWaitSeconds)
    .optional()
    .describe(
      `Wait up to this many seconds (at most ${maxWaitSeconds}) for the turn to end or to ask something, ` +
        "reporting each event as progress; 0 or absent: answer at once",
    ),
});

const startOutputSchema = chatResponseSchema.extend({
  session: sessionViewSchema.optional().describe("The session when the wait ended (wait_seconds only)"),
  waited: z
    .enum(["ended", "interaction", "timeout"])
    .optional()
    .describe(
      "Why the wait stopped: the session ended, it asks a question or permission (answer with agent_reply), or time ran out",
    ),
});

/**
 * Agent sessions (`POST /chat` and `/agent/*`) as tools. Another owner's
 * session is SESSION_NOT_FOUND like an unknown one: SessionService scopes by owner.
 */
export function registerAgentTools(server: McpServer, context: ToolContext, sessions: SessionService): void {
  const { owner } = context;

  server.registerTool(
    "agent_start",
    {
      title: "Start an agent",
      description:
        "Starts an agent session on a project with a prompt (or continues one with session_id). Answers at once " +
        "unless wait_seconds is given; then it reports each event as progress until the turn ends or the agent " +
        "asks something. Follow the work with agent_events, answer questions with agent_reply.",
      inputSchema: startInputSchema,
      outputSchema: startOutputSchema,
      annotations: { openWorldHint: false },
    },
    async (input, extra) =>
      context.answer(async () => {
        const startSeq = await lastSeqOf(sessions, owner, input.session_id ?? undefined);
        const started = await sessions.chat(owner, {
          prompt: input.prompt,
          projectId: input.project_id,
          ...(input.session_id ? { sessionId: input.session_id } : {}),
          ...(input.user_id ? { userId: input.user_id } : {}),
          ...(input.model ? { model: input.model } : {}),
          ...(input.approval ? { approval: input.approval } : {}),
          ...(input.agent ? { agent: input.agent } : {}),
          ...(input.credentials ? { credentials: input.credentials } : {}),
        });
        if (input.wait_seconds === undefined || input.wait_seconds <= 0) return started;
        const waited = await waitForTurn(
          sessions,
          owner,
          started.session_id,
          startSeq,
          input.wait_seconds,
          extra,
        );
        return { ...started, session: await sessions.get(owner, started.session_id), waited };
      }),
  );

  server.registerTool(
    "agent_status",
    {
      title: "Agent session status",
      description:
        "A session's status (pending, running, waiting, completed, failed, cancelled), its pending questions and last event seq.",
      inputSchema: z.object({ session_id: sessionIdSchema }),
      outputSchema: unnamed(sessionViewSchema),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ session_id: id }) => context.answer(async () => sessions.get(owner, id)),
  );

  server.registerTool(
    "agent_events",
    {
      title: "Agent session events",
      description:
        "A page of a session's event log after `since` (a seq; 0 for the start): messages, tool calls, questions, " +
        "status changes. Ask again with since = next_since; `settled` is true once the session ended and you have seen every event.",
      inputSchema: z.object({
        session_id: sessionIdSchema,
        since: z.number().int().min(0).default(0).describe("Events after this seq"),
        limit: z
          .number()
          .int()
          .min(1)
          .max(maxEventsPerPage)
          .default(100)
          .describe(`1-${maxEventsPerPage}, default 100`),
      }),
      outputSchema: sessionEventsPageSchema.extend({
        settled: z
          .boolean()
          .describe("The session is over, nothing is queued, and this page reached its last event"),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ session_id: id, since, limit }) =>
      context.answer(async () => {
        const page = await sessions.events(owner, id, since, limit);
        return { ...page, settled: await sessions.isSettled(id, page.next_since) };
      }),
  );

  server.registerTool(
    "agent_reply",
    {
      title: "Answer an agent",
      description:
        "Answers a session's permission request (approved: true/false) or question (answer). The interaction_id is in " +
        "the permission.requested / question.asked event and in agent_status's pending interactions. The first answer wins.",
      inputSchema: replyRequestSchema.extend({ session_id: sessionIdSchema }),
      outputSchema: unnamed(replyResponseSchema),
      annotations: { openWorldHint: false },
    },
    async ({ session_id: id, interaction_id: interactionId, approved, answer }) =>
      context.answer(async () => {
        const resolution = await sessions.reply(owner, id, interactionId, {
          ...(approved === undefined ? {} : { approved }),
          ...(answer === undefined ? {} : { answer }),
        });
        return { interaction_id: interactionId, ...resolution };
      }),
  );

  server.registerTool(
    "agent_cancel",
    {
      title: "Cancel an agent",
      description:
        "Cancels a session's running turn and its queued prompts; answers once the session has settled.",
      inputSchema: z.object({ session_id: sessionIdSchema }),
      outputSchema: unnamed(sessionViewSchema),
      annotations: { destructiveHint: true, openWorldHint: false },
    },
    async ({ session_id: id }) => context.answer(async () => sessions.cancel(owner, id)),
  );
}

/** Where a continued session's log stands before the new prompt, so the wait reports only what follows. */
async function lastSeqOf(
  sessions: SessionService,
  owner: string,
  sessionId: string | undefined,
): Promise<number> {
  if (sessionId === undefined) return 0;
  try {
    return (await sessions.get(owner, sessionId)).last_seq;
  } catch {
    // A new id (or one not the caller's): chat() answers that properly.
    return 0;
  }
}

/**
 * Follows the session's events (each one a progress notification) until the
 * turn has ended and nothing is queued, the agent waits for an answer, the
 * time is up, or the client cancelled the request. The subscription is closed
 * on every way out.
 */
async function waitForTurn(
  sessions: SessionService,
  owner: string,
  sessionId: string,
  since: number,
  waitSeconds: number,
  extra: ToolExtra,
): Promise<"ended" | "interaction" | "timeout"> {
  const subscription = await sessions.subscribe(owner, sessionId, since);
  const report = progressReporter(extra);
  const timer = setTimeout(() => subscription.close(), waitSeconds * 1000);
  const onAbort = (): void => subscription.close();
  extra.signal.addEventListener("abort", onAbort, { once: true });
  try {
    if (await sessions.isSettled(sessionId, since)) return "ended";
    for await (const event of subscription as AsyncIterable<SessionEvent>) {
      report?.(describeEvent(event));
      if (event.name === "permission.requested" || event.name === "question.asked") return "interaction";
      if (event.name === "session.ended" && (await sessions.isSettled(sessionId, event.seq))) return "ended";
    }
    return "timeout";
  } finally {
    clearTimeout(timer);
    extra.signal.removeEventListener("abort", onAbort);
    subscription.close();
  }
}
