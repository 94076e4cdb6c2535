import { isStdioServer, type McpServersConfig } from "../../config/mcp-servers-schema.js";
import type { AcpMcpServer } from "../acp/agent-runner-port.js";

/**
 * The configured MCP servers as an external ACP agent gets them in
 * `session/new`. The agent runs in the sandbox, so it starts stdio servers
 * there itself, and reaches HTTP servers from there (through the egress proxy:
 * the host must be in `sandboxes.egress.allow`). Everything here enters the
 * sandbox, so an HTTP server's `bearer_token_env` is NOT passed (that token
 * stays with the built-in agent's host-side client); literal headers are.
 */
export function acpMcpServers(
  servers: McpServersConfig,
  readVariable: (name: string) => string | undefined,
): AcpMcpServer[] {
  return Object.entries(servers).map(([name, server]): AcpMcpServer => {
    if (!isStdioServer(server)) return { name, url: server.url, headers: { ...server.headers } };
    const env: Record<string, string> = { ...server.env };
    for (const [key, hostVariable] of Object.entries(server.env_from)) {
      const value = readVariable(hostVariable);
      if (value !== undefined) env[key] = value;
    }
    return { name, command: server.command, args: [...server.args], env };
  });
}
