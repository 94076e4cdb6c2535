import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  InitializeResultSchema,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
} from "@modelcontextprotocol/sdk/types.js";
import { HangarError, errorMessage } from "../core/errors.js";

export interface StdioRelayOptions {
  /** The Hangar server, e.g. http://127.0.0.1:8087 (its `/mcp` is where messages go), or an `…/mcp` URL itself (`--mcp-port`). */
  serverUrl: string;
  apiKey?: string;
  input: Readable;
  output: Writable;
  /** Where problems are told: stderr, since stdout carries nothing but JSON-RPC. */
  report: (message: string) => void;
  fetch?: typeof fetch;
}

/** How long the start-up check waits for the server to answer. */
const probeTimeoutMs = 5000;

/**
 * `hangar mcp`: a desktop client speaks MCP over this process's stdio; each
 * JSON-RPC message is relayed to the running server's `/mcp` (streamable
 * HTTP, with the API key) and each answer back. The tools therefore run in the
 * server — its sandboxes, sessions and limits — and this process holds no
 * state but the MCP session id. Resolves when stdin ends; the server's
 * session is then ended (DELETE) so it does not wait for idle expiry.
 */
export async function relayStdioToHttp(options: StdioRelayOptions): Promise<void> {
  const trimmed = options.serverUrl.replace(/\/+$/, "");
  const endpoint = trimmed.endsWith("/mcp") ? trimmed : `${trimmed}/mcp`;
  const base = endpoint.slice(0, -"/mcp".length);
  const headers: Record<string, string> = {};
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  await probeServer(endpoint, headers, options.fetch ?? fetch);
  const http = new StreamableHTTPClientTransport(new URL(endpoint), {
    requestInit: { headers },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const stdio = new StdioServerTransport(options.input, options.output);
  const initializeIds = new Set<string | number>();

  http.onmessage = (message) => {
    // The Client class tells its transport the negotiated version; a relay has to do it itself.
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) {
      const parsed = InitializeResultSchema.safeParse(message.result);
      if (parsed.success) http.setProtocolVersion(parsed.data.protocolVersion);
    }
    void stdio
      .send(message)
      .catch((error: unknown) => options.report(`cannot write to stdout: ${errorMessage(error)}`));
  };
  http.onerror = (error) => options.report(`hangar mcp: ${describeHttpError(error, base)}`);

  stdio.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === "initialize") initializeIds.add(message.id);
    http.send(message).catch(async (error: unknown) => {
      const text = describeHttpError(error, base);
      options.report(`hangar mcp: ${text}`);
      // A request must get an answer, or the client waits for ever.
      if (isJSONRPCRequest(message)) {
        await stdio
          .send({ jsonrpc: "2.0", id: message.id, error: { code: -32000, message: text } })
          .catch(() => undefined);
      }
    });
  };
  stdio.onerror = (error) => options.report(`hangar mcp: bad input on stdin: ${errorMessage(error)}`);

  const ended = new Promise<void>((resolve) => {
    options.input.once("end", resolve);
    options.input.once("close", resolve);
  });
  await http.start();
  await stdio.start();
  await ended;
  await http.terminateSession().catch(() => undefined);
  await Promise.all([http.close(), stdio.close()]);
}

/**
 * Fails early, with a line a person can act on, when nothing answers, the key
 * is refused, or the address is not a Hangar MCP endpoint. A GET without a
 * session is answered 400 by a live `/mcp` whose key was accepted.
 */
async function probeServer(
  endpoint: string,
  headers: Record<string, string>,
  fetcher: typeof fetch,
): Promise<void> {
  let status: number;
  try {
    const response = await fetcher(endpoint, {
      headers: { ...headers, accept: "text/event-stream" },
      signal: AbortSignal.timeout(probeTimeoutMs),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    throw new HangarError(
      "ENGINE_UNAVAILABLE",
      `no Hangar server answers at ${endpoint} (${errorMessage(error)}); start one with \`hangar serve\`, ` +
        "or point --server / HANGAR_URL at it",
      { field: "server" },
    );
  }
  if (status === 401) {
    throw new HangarError(
      "UNAUTHORIZED",
      `the server at ${endpoint} refused the API key; pass --api-key or set HANGAR_API_KEY`,
      { field: "api-key" },
    );
  }
  if (status === 404) {
    throw new HangarError("ENGINE_UNAVAILABLE", `${endpoint} answered 404: it is not a Hangar MCP endpoint`, {
      field: "server",
    });
  }
}

function describeHttpError(error: unknown, base: string): string {
  const text = errorMessage(error);
  if (/\b401\b|UNAUTHORIZED|invalid API key/i.test(text)) {
    return `the server at ${base} refused the API key (${text}); pass --api-key or set HANGAR_API_KEY`;
  }
  if (/fetch failed|ECONNREFUSED|ECONNRESET/i.test(text))
    return `lost the Hangar server at ${base} (${text})`;
  return text;
}
