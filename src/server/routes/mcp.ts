import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { HangarError } from "../../core/errors.js";
import type { McpSessionHandle as McpSession, McpSessionHost } from "../mcp-session-host.js";
import { isLoopbackHost } from "../auth.js";
import { errorResponses, jsonBodyErrorCodes } from "../error-responses.js";

export interface McpRoutesOptions {
  sessions: McpSessionHost;
  /** The address the listener binds: on loopback, Host must name loopback too (DNS rebinding). */
  host: string;
  /** `server.cors_origins`: browser pages allowed besides loopback ones. */
  corsOrigins: readonly string[];
}

const sessionHeader = "mcp-session-id";

/** A JSON-RPC message, as the OpenAPI document shows it; the SDK's transport checks the real shape. */
const jsonRpcMessageSchema = z
  .looseObject({ jsonrpc: z.literal("2.0") })
  .describe("A JSON-RPC 2.0 message (MCP)");
const mcpAnswer = {
  description:
    "Answered by the MCP transport: JSON (`application/json`) or an event stream whose `data:` lines are JSON-RPC messages",
  content: {
    "application/json": { schema: jsonRpcMessageSchema },
    "text/event-stream": { schema: jsonRpcMessageSchema },
  },
};
const mcpErrorCodes = ["BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "TOO_MANY_REQUESTS"] as const;
const descriptions = {
  POST:
    "MCP's streamable HTTP transport: one JSON-RPC message (or batch) per request. Without an Mcp-Session-Id header " +
    "only `initialize` is accepted; its answer carries the new session's Mcp-Session-Id, which every later request sends. " +
    "A session id is honoured only for the API key's owner that created it (404 otherwise, as for an expired one).",
  GET: "Opens the MCP session's stream of server-to-client messages (SSE): notifications such as resource updates.",
  DELETE: "Ends the MCP session.",
} as const;
const operationIds = { POST: "mcpPost", GET: "mcpStream", DELETE: "mcpEndSession" } as const;

function mcpSchema(method: "POST" | "GET" | "DELETE") {
  return {
    operationId: operationIds[method],
    summary:
      method === "POST"
        ? "Send MCP messages"
        : method === "GET"
          ? "Follow an MCP session"
          : "End an MCP session",
    description: descriptions[method],
    tags: ["mcp"],
    response: {
      200: mcpAnswer,
      ...errorResponses(...(method === "POST" ? [...jsonBodyErrorCodes, ...mcpErrorCodes] : mcpErrorCodes)),
    },
  };
}

/**
 * MCP over streamable HTTP at `/mcp`: POST carries JSON-RPC, GET opens the
 * session's server-to-client stream, DELETE ends the session. Authentication
 * is the API's own (the onRequest hook has set `request.owner`); a session id
 * is honoured only for the owner that created it — any other owner gets the
 * same 404 as an unknown id. The SDK's transport answers the request itself,
 * so the reply is hijacked and handed over with the body Fastify parsed.
 */
export const mcpRoutes: FastifyPluginAsync<McpRoutesOptions> = async (app, options) => {
  const { sessions } = options;
  const checkOrigin = originChecker(options.host, options.corsOrigins);

  // The route is public to no one: onRequest (auth) has run; this refuses a rebinding page early.
  app.addHook("onRequest", async (request) => checkOrigin(request));

  app.post("/mcp", { schema: mcpSchema("POST") }, async (request, reply) => {
    const id = sessionIdOf(request);
    if (id !== undefined) return handOver(request, reply, ownSession(request, id));
    if (!isInitializeRequest(request.body)) {
      throw new HangarError(
        "BAD_REQUEST",
        "no Mcp-Session-Id header: send an initialize request first, then the Mcp-Session-Id it answers",
        { field: sessionHeader },
      );
    }
    const session = await sessions.open(request.owner);
    await handOver(request, reply, session);
    await sessions.discardUninitialized(session);
    return reply;
  });

  for (const method of ["GET", "DELETE"] as const) {
    app.route({
      method,
      url: "/mcp",
      schema: mcpSchema(method),
      handler: async (request, reply) => {
        const id = sessionIdOf(request);
        if (id === undefined) {
          throw new HangarError("BAD_REQUEST", "the Mcp-Session-Id header is required", {
            field: sessionHeader,
          });
        }
        return handOver(request, reply, ownSession(request, id));
      },
    });
  }

  function ownSession(request: FastifyRequest, id: string): McpSession {
    const session = sessions.get(request.owner, id);
    if (session === undefined) {
      // 404 tells a client its session is gone (expired, ended): it starts a new one.
      throw new HangarError("NOT_FOUND", "no such MCP session (it may have expired); initialize a new one", {
        field: sessionHeader,
      });
    }
    return session;
  }

  async function handOver(
    request: FastifyRequest,
    reply: FastifyReply,
    session: McpSession,
  ): Promise<FastifyReply> {
    reply.hijack();
    const end = session.begin(request.method === "GET");
    reply.raw.once("close", end);
    try {
      await session.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      request.log.error({ err: error }, "MCP request failed");
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { "content-type": "application/json" });
        reply.raw.end(
          JSON.stringify({
            error: { code: "INTERNAL", message: "internal server error; the details were logged" },
          }),
        );
      } else reply.raw.destroy();
    }
    if (reply.raw.writableEnded) end();
    return reply;
  }
};

function sessionIdOf(request: FastifyRequest): string | undefined {
  const value = request.headers[sessionHeader];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0 || value.length > 128) {
    throw new HangarError("BAD_REQUEST", "Mcp-Session-Id must be one id of at most 128 characters", {
      field: sessionHeader,
    });
  }
  return value;
}

/**
 * The MCP spec's DNS-rebinding advice: validate Origin on every request, and
 * when bound to loopback make sure the Host header names loopback — a page on
 * evil.example whose name was rebound to 127.0.0.1 sends `Host: evil.example`.
 * Clients that are not browsers send no Origin and pass.
 */
function originChecker(host: string, corsOrigins: readonly string[]): (request: FastifyRequest) => void {
  const isBoundToLoopback = isLoopbackHost(host);
  const allowed = new Set(corsOrigins.map((origin) => origin.replace(/\/+$/, "").toLowerCase()));
  const isAnyOrigin = allowed.has("*");
  return (request) => {
    const hostHeader = request.headers.host ?? "";
    const hostName = hostNameOf(hostHeader);
    if (isBoundToLoopback && (hostName === undefined || !isLoopbackHost(hostName))) {
      throw new HangarError(
        "FORBIDDEN",
        `Host ${JSON.stringify(hostHeader.slice(0, 200))} is not this loopback server`,
        {
          field: "host",
        },
      );
    }
    const origin = request.headers.origin;
    if (origin === undefined || isAnyOrigin || allowed.has(origin.toLowerCase())) return;
    let originHost: string | undefined;
    try {
      const url = new URL(origin);
      originHost = url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : undefined;
    } catch {
      originHost = undefined;
    }
    const isSameHost = originHost !== undefined && originHost === hostHeader.toLowerCase();
    const isLoopbackPage = originHost !== undefined && isLoopbackHost(hostNameOf(originHost) ?? "");
    if (isSameHost || (isBoundToLoopback && isLoopbackPage)) return;
    throw new HangarError(
      "FORBIDDEN",
      `Origin ${JSON.stringify(origin.slice(0, 200))} may not use this MCP server`,
      {
        field: "origin",
      },
    );
  };
}

/** `127.0.0.1:8087` → `127.0.0.1`, `[::1]:8087` → `::1`; undefined when malformed. */
function hostNameOf(hostHeader: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(hostHeader.trim());
  return match?.[1]?.replace(/^\[(.*)\]$/, "$1");
}
