import {
  McpError,
  ErrorCode,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { EventSubscription } from "../events/event-log.js";
import { toErrorResponse } from "../server/error-handler.js";
import type { SessionService } from "../sessions/session-service.js";

/** The resource template of a session's event log. */
export const sessionEventsTemplate = "hangar://sessions/{id}/events";
/** The events a read returns: the latest ones (a long log is paged with agent_events). */
export const eventsPerRead = 500;
/** Subscriptions one MCP session may hold; each one is a live follower of an event log. */
export const maxSubscriptionsPerSession = 32;
/** MCP's "resource not found" (the spec's -32002). */
const resourceNotFound = -32002;

const uriPattern = /^hangar:\/\/sessions\/([^/?#]{1,128})\/events$/;

/**
 * Agent events as a resource: `hangar://sessions/{id}/events` reads the
 * session's latest events as JSON, and `resources/subscribe` on it starts a
 * follower of the session's event log that sends
 * `notifications/resources/updated` (once per burst of events, not per event)
 * until `resources/unsubscribe` or the MCP session closes. Returns what closes
 * every follower.
 */
export function registerSessionEventsResource(
  server: McpServer,
  owner: string,
  sessions: SessionService,
): { close(): void } {
  server.registerResource(
    "session-events",
    new ResourceTemplate(sessionEventsTemplate, {
      list: async () => ({
        resources: (await sessions.list(owner)).map((session) => ({
          uri: uriOf(session.session_id),
          name: `${session.project_id}/${session.session_id}`,
          description: `Events of agent session ${session.session_id} (${session.status})`,
          mimeType: "application/json",
        })),
      }),
    }),
    {
      title: "Agent session events",
      description: `A session's latest events (up to ${eventsPerRead}) as JSON; subscribe to be told when new ones arrive`,
      mimeType: "application/json",
    },
    async (uri) => {
      const sessionId = sessionIdOf(uri.href);
      const view = await notFoundAsMcpError(() => sessions.get(owner, sessionId));
      const since = Math.max(0, view.last_seq - eventsPerRead);
      const page = await notFoundAsMcpError(() => sessions.events(owner, sessionId, since, eventsPerRead));
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: "application/json",
            text: JSON.stringify({ session_id: sessionId, status: view.status, ...page }),
          },
        ],
      };
    },
  );

  const followers = new Map<string, EventSubscription>();
  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    const uri = request.params.uri;
    const sessionId = sessionIdOf(uri);
    if (followers.has(uri)) return {};
    if (followers.size >= maxSubscriptionsPerSession) {
      throw new McpError(
        ErrorCode.InvalidRequest,
        `TOO_MANY_REQUESTS: at most ${maxSubscriptionsPerSession} subscriptions per MCP session; unsubscribe from one first`,
      );
    }
    const view = await notFoundAsMcpError(() => sessions.get(owner, sessionId));
    const subscription = await notFoundAsMcpError(() => sessions.subscribe(owner, sessionId, view.last_seq));
    // Two subscribes of one uri raced: the first follower stays, the second is dropped.
    if (followers.has(uri)) {
      subscription.close();
      return {};
    }
    followers.set(uri, subscription);
    void follow(subscription, () => {
      server.server.sendResourceUpdated({ uri }).catch(() => subscription.close());
    }).finally(() => {
      if (followers.get(uri) === subscription) followers.delete(uri);
    });
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    followers.get(request.params.uri)?.close();
    followers.delete(request.params.uri);
    return {};
  });

  return {
    close: () => {
      for (const subscription of followers.values()) subscription.close();
      followers.clear();
    },
  };
}

/** Calls `notify` once per burst of new events until the subscription is closed. */
async function follow(subscription: EventSubscription, notify: () => void): Promise<void> {
  try {
    for await (const first of subscription) {
      void first;
      subscription.takeReady(Number.MAX_SAFE_INTEGER);
      notify();
    }
  } finally {
    subscription.close();
  }
}

export function uriOf(sessionId: string): string {
  return `hangar://sessions/${encodeURIComponent(sessionId)}/events`;
}

function sessionIdOf(uri: string): string {
  const encoded = uriPattern.exec(uri)?.[1];
  let sessionId: string | undefined;
  try {
    sessionId = encoded === undefined ? undefined : decodeURIComponent(encoded);
  } catch {
    sessionId = undefined;
  }
  if (sessionId === undefined) {
    throw new McpError(
      ErrorCode.InvalidParams,
      `VALIDATION_FAILED: uri must be ${sessionEventsTemplate}, got ${JSON.stringify(uri.slice(0, 300))}`,
    );
  }
  return sessionId;
}

/** A service error as a JSON-RPC error: not found is MCP's -32002, the rest keep their code in the message. */
async function notFoundAsMcpError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { body, isInternal } = toErrorResponse(error);
    if (isInternal) throw error;
    const code = body.error.code === "SESSION_NOT_FOUND" ? resourceNotFound : ErrorCode.InvalidParams;
    throw new McpError(code, `${body.error.code}: ${body.error.message}`);
  }
}
