import type { AgentDriverContext } from "../agents/agent-driver.js";
import type { SessionTools } from "../agents/builtin/builtin-driver.js";
import type { AgentTool } from "../agents/builtin/tools/agent-tool.js";
import { httpRequestTool } from "../agents/builtin/tools/http-request.js";
import { connectMcpServers } from "../agents/mcp/mcp-session-tools.js";
import type { McpServersConfig } from "../config/mcp-servers-schema.js";
import { guardedFetch } from "../egress/guarded-fetch.js";
import type { AgentSessionRepository } from "../sessions/agent-session-repository.js";
import { openSessionCredentialGrants, type SessionCredentialOptions } from "./session-credential-grants.js";

/**
 * The per-turn tools of a built-in agent session, beyond the fixed ones:
 * - the tools of every `[mcp.servers.<name>]` (stdio servers inside the sandbox);
 * - `http_request`, when the session was started with `credentials`: for each,
 *   a proxy grant bound to the session (`sessionId`) is created now and revoked
 *   when the turn's driver closes (the turn ended, was cancelled, or Hangar
 *   stops), so a proxy id lives no longer than the turn that may use it.
 */
export interface BuiltinSessionToolsOptions extends SessionCredentialOptions {
  servers: McpServersConfig;
  sessions: Pick<AgentSessionRepository, "get">;
  readVariable: (name: string) => string | undefined;
}

export function builtinSessionTools(
  options: BuiltinSessionToolsOptions,
): (context: AgentDriverContext, signal: AbortSignal) => Promise<SessionTools> {
  return async (context, signal) => {
    const session = await options.sessions.get(context.sessionId);
    const grants = await openSessionCredentialGrants(options, {
      owner: session?.owner ?? "",
      sessionId: context.sessionId,
      names: session?.credentials ?? [],
    });
    try {
      const mcp = await connectMcpServers(options.servers, {
        sandbox: context.sandbox,
        readVariable: options.readVariable,
        httpFetch: guardedFetch,
        signal,
      });
      const tools: AgentTool[] = [...mcp.tools];
      if (grants.targets.length > 0) tools.push(httpRequestTool(grants));
      let closed: Promise<void> | undefined;
      return {
        tools,
        problems: [...grants.problems, ...mcp.problems],
        close: () => (closed ??= Promise.all([mcp.close(), grants.revoke()]).then(() => undefined)),
      };
    } catch (error) {
      await grants.revoke();
      throw error;
    }
  };
}
