import type { Readable } from "node:stream";
import { z } from "zod";
import type { AgentTool, ToolResult } from "./agent-tool.js";
import { defineTool } from "./define-tool.js";
import { toolError } from "./tool-result.js";
import { truncateOutput } from "./truncate-output.js";

/**
 * `http_request`: the built-in agent's way to the upstreams of the session's
 * credentials (GitHub, Graph, bearer APIs). The call is made IN-PROCESS through
 * the credential proxy with the proxy id Hangar granted this session, so the
 * token never enters the sandbox or the model's context: the tool is made per
 * turn around a `SessionHttpProxy` that knows the session's grants (app/ wires
 * it to `CredentialProxy.forward`). The port is declared here, in the agent's
 * own words, so agents/ does not depend on the proxy's module.
 */
export interface SessionHttpRequest {
  /** A target the session holds a grant for (`github`, `graph`, a credential name). */
  target: string;
  method: string;
  /** The path after the upstream's base, with its query, as the model wrote it. */
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: Buffer;
  signal: AbortSignal;
}

export interface SessionHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

export interface SessionHttpProxy {
  /** What `target` may be, for the tool's description and for a clear error. */
  readonly targets: readonly string[];
  /** Throws a HangarError (safe to show: never the token) when the proxy refuses. */
  forward(request: SessionHttpRequest): Promise<SessionHttpResponse>;
}

const droppedHeaders = new Set(["authorization", "proxy-authorization", "cookie", "x-proxy-id", "host"]);
const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
const maxBodyBytes = 1024 * 1024;
/** The response headers worth the model's attention. */
const shownHeaders = [
  "content-type",
  "link",
  "location",
  "retry-after",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
];

const inputSchema = z.object({
  target: z.string().min(1).max(64).describe("`github`, `graph`, or one of the session's credential names"),
  method: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(methods))
    .describe("GET, HEAD, POST, PUT, PATCH or DELETE"),
  path: z
    .string()
    .min(1)
    .max(4096)
    .regex(/^\//, "must start with / (a path on the upstream, never a URL)")
    .describe("The API path and query, e.g. `/user/repos?per_page=5`"),
  body: z.string().max(maxBodyBytes).optional().describe("The request body as text (usually JSON)"),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(1024))
    .refine((headers) => Object.keys(headers).length <= 16, "at most 16 headers")
    .optional()
    .describe("Extra request headers, e.g. `Accept`"),
});

export type HttpRequestInput = z.infer<typeof inputSchema>;

export function httpRequestTool(proxy: SessionHttpProxy): AgentTool {
  const tool = defineTool<HttpRequestInput>({
    name: "http_request",
    inputSchema,
    // A GET changes nothing upstream; anything else may, and Hangar cannot know what.
    kind: (input) => (input.method === "GET" || input.method === "HEAD" ? "read" : "external"),
    summarize: (input) => `http_request: ${input.method} ${input.target} ${input.path}`.slice(0, 300),
    async execute(input, context): Promise<ToolResult> {
      if (!proxy.targets.includes(input.target)) {
        return toolError(
          `http_request: this session has no credential for "${input.target}"; its targets are: ${proxy.targets.join(", ") || "(none)"}`,
        );
      }
      // The grant is the only credential: whatever the model sends as one is dropped here,
      // before the proxy (which strips them too) ever sees it.
      const headers = Object.fromEntries(
        Object.entries(input.headers ?? {}).filter(([name]) => !droppedHeaders.has(name.toLowerCase())),
      );
      if (
        input.body !== undefined &&
        !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")
      ) {
        headers["Content-Type"] = "application/json";
      }
      const response = await proxy.forward({
        target: input.target,
        method: input.method,
        pathAndQuery: input.path,
        headers,
        ...(input.body === undefined ? {} : { body: Buffer.from(input.body) }),
        signal: context.signal,
      });
      // Read only what the model may see (a little more, so the cut note is honest).
      const body = await readAtMost(response.body, context.maxOutputChars * 4);
      const headerLines = shownHeaders
        .filter((name) => response.headers[name] !== undefined)
        .map((name) => `${name}: ${response.headers[name]}`);
      const text = `HTTP ${response.status}\n${headerLines.join("\n")}${headerLines.length > 0 ? "\n" : ""}\n${body.text}${body.isCut ? "\n[… response cut: it was longer than the agent may read …]" : ""}`;
      return {
        output: truncateOutput(text, context.maxOutputChars),
        isError: response.status >= 400,
      };
    },
  });
  return {
    ...tool,
    description: `${tool.description}\n\nThis session's targets: ${proxy.targets.join(", ")}.`,
  };
}

async function readAtMost(stream: Readable, maxBytes: number): Promise<{ text: string; isCut: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let isCut = false;
  for await (const chunk of stream) {
    const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(piece);
    size += piece.length;
    if (size >= maxBytes) {
      isCut = true;
      stream.destroy();
      break;
    }
  }
  return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8"), isCut };
}
