import { createMCPClient, type MCPClient, type MCPClientConfig, type MCPTransport } from "@ai-sdk/mcp";
import {
  isStdioServer,
  type McpHttpServerConfig,
  type McpServersConfig,
  type McpStdioServerConfig,
} from "../../config/mcp-servers-schema.js";
import type { Sandbox } from "../../sandbox/sandbox-port.js";
import type { AgentTool } from "../builtin/tools/agent-tool.js";
import { mcpAgentTool } from "./mcp-agent-tool.js";
import { SandboxStdioTransport } from "./sandbox-stdio-transport.js";

/**
 * The configured MCP servers of one built-in agent turn: each is connected
 * with the AI SDK's MCP client (a stdio server started inside the sandbox, an
 * HTTP server reached from the host), its tools listed and offered to the
 * model, and every client closed when the turn's driver closes, which kills
 * every stdio server's process tree. A server that cannot be reached costs
 * the agent its tools, not the turn: the problem is reported and the turn
 * goes on.
 */
export interface McpSessionTools {
  tools: AgentTool[];
  /** One line per server that could not be used, for the session's log. */
  problems: string[];
  /** Closes every client; resolves once every stdio server is gone. Idempotent. */
  close(): Promise<void>;
}

export interface McpConnectOptions {
  sandbox: Sandbox;
  /** Reads a host variable (`env_from`, `bearer_token_env`). */
  readVariable: (name: string) => string | undefined;
  /**
   * The fetch an HTTP server's client uses: app/ gives one that refuses loopback, private and
   * metadata addresses unless the server's `allow_private_address` says otherwise.
   */
  httpFetch: (server: { allowPrivateAddress: boolean }) => typeof fetch;
  signal?: AbortSignal;
  /** How long one server may take to start and answer `initialize` and `tools/list`. */
  connectTimeoutMs?: number;
  /** Tools taken from one server at most. */
  maxToolsPerServer?: number;
}

const defaultConnectTimeoutMs = 30_000;
const defaultMaxToolsPerServer = 128;
const maxListPages = 10;

export async function connectMcpServers(
  servers: McpServersConfig,
  options: McpConnectOptions,
): Promise<McpSessionTools> {
  const clients: MCPClient[] = [];
  const transports: MCPTransport[] = [];
  const tools: AgentTool[] = [];
  const problems: string[] = [];
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      await Promise.allSettled(clients.map((client) => client.close()));
      // A client that never finished `initialize` is not in `clients`; its transport still ends.
      await Promise.allSettled(transports.map((transport) => transport.close()));
    })());
  // One after the other: stdio servers share the sandbox's process and memory limits.
  for (const [name, server] of Object.entries(servers)) {
    if (options.signal?.aborted) break;
    const transport = isStdioServer(server)
      ? stdioTransport(server, options)
      : httpTransport(server, options);
    if (transport instanceof SandboxStdioTransport) transports.push(transport);
    try {
      const timeout = AbortSignal.timeout(options.connectTimeoutMs ?? defaultConnectTimeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const client = await createMCPClient({
        transport,
        clientName: "hangar",
        initializationOptions: { signal },
        onUncaughtError: () => undefined,
      });
      clients.push(client);
      const offered = await listTools(
        name,
        client,
        signal,
        options.maxToolsPerServer ?? defaultMaxToolsPerServer,
      );
      tools.push(...offered.tools);
      if (offered.skipped > 0)
        problems.push(
          `MCP server "${name}": ${offered.skipped} tool(s) not offered (too many, or schemas too large)`,
        );
    } catch (error) {
      problems.push(
        `MCP server "${name}" could not be used: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (options.signal?.aborted) {
    await close();
    options.signal.throwIfAborted();
  }
  return { tools: uniqueByName(tools), problems, close };
}

async function listTools(
  server: string,
  client: MCPClient,
  signal: AbortSignal,
  maxTools: number,
): Promise<{ tools: AgentTool[]; skipped: number }> {
  const tools: AgentTool[] = [];
  let skipped = 0;
  let cursor: string | undefined;
  for (let page = 0; page < maxListPages; page++) {
    const listed = await client.listTools({
      ...(cursor === undefined ? {} : { params: { cursor } }),
      options: { signal },
    });
    for (const definition of listed.tools) {
      const tool = tools.length < maxTools ? mcpAgentTool(server, definition, client) : undefined;
      if (tool === undefined) skipped += 1;
      else tools.push(tool);
    }
    cursor = listed.nextCursor;
    if (cursor === undefined) break;
  }
  return { tools, skipped };
}

function stdioTransport(server: McpStdioServerConfig, options: McpConnectOptions): SandboxStdioTransport {
  const environment: Record<string, string> = { HOME: options.sandbox.workspacePath, ...server.env };
  for (const [key, hostVariable] of Object.entries(server.env_from)) {
    const value = options.readVariable(hostVariable);
    if (value !== undefined) environment[key] = value;
  }
  return new SandboxStdioTransport(options.sandbox, {
    argv: [server.command, ...server.args],
    env: environment,
  });
}

function httpTransport(
  server: McpHttpServerConfig,
  options: McpConnectOptions,
): MCPClientConfig["transport"] {
  const headers: Record<string, string> = { ...server.headers };
  if (server.bearer_token_env !== undefined) {
    const token = options.readVariable(server.bearer_token_env);
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  }
  return {
    type: "http",
    url: server.url,
    headers,
    // A redirect could lead anywhere, including the host's own services.
    redirect: "error",
    fetch: options.httpFetch({ allowPrivateAddress: server.allow_private_address }),
  };
}

/** Two tools whose names collide after sanitising: the first one wins. */
function uniqueByName(tools: AgentTool[]): AgentTool[] {
  const seen = new Set<string>();
  return tools.filter((tool) => !seen.has(tool.name) && seen.add(tool.name));
}
