import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { registerAgentTools } from "./agent-tools.js";
import { registerGitHubTools } from "./github-tools.js";
import { registerRunTools } from "./run-tools.js";
import { registerSandboxTools } from "./sandbox-tools.js";
import { registerSessionEventsResource } from "./session-events-resource.js";
import { createToolContext, type McpServices } from "./tool-context.js";

export type { McpServices } from "./tool-context.js";

/** One MCP server instance, for one MCP session of one owner. */
export interface HangarMcpServer {
  server: McpServer;
  /** Closes the transport and every resource follower. */
  close(): Promise<void>;
}

/**
 * Builds Hangar's MCP server for one owner: every tool and resource calls the
 * same services the HTTP API does, scoped to that owner. The SDK binds one
 * server to one transport, so each MCP session gets its own (they are cheap:
 * a few closures over the shared services).
 */
export function createHangarMcpServer(owner: string, services: McpServices): HangarMcpServer {
  const server = new McpServer(
    { name: "hangar", title: "Hangar", version: services.version },
    {
      capabilities: { resources: { subscribe: true, listChanged: false }, tools: { listChanged: false } },
      instructions:
        "Hangar runs code and agents in isolated sandboxes. run_code runs a snippet; sandbox_* manage a " +
        "persistent sandbox and its files; agent_* start and follow coding agents (subscribe to " +
        "hangar://sessions/{id}/events to be told of new events).",
    },
  );
  const context = createToolContext(owner, services);
  registerRunTools(server, context);
  if (services.sandboxService !== undefined) registerSandboxTools(server, context, services.sandboxService);
  let closeFollowers = (): void => {};
  if (services.sessionService !== undefined) {
    registerAgentTools(server, context, services.sessionService);
    const followers = registerSessionEventsResource(server, owner, services.sessionService);
    closeFollowers = () => followers.close();
  }
  if (services.github !== undefined) registerGitHubTools(server, context, services.github);
  // However the transport ends (DELETE, idle expiry, a dropped stdio), no follower outlives it.
  const previous = server.server.onclose;
  server.server.onclose = () => {
    closeFollowers();
    previous?.();
  };
  return {
    server,
    close: async () => {
      closeFollowers();
      await server.close();
    },
  };
}
