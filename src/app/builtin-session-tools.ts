import type { Logger } from "pino";
import type { AgentDriverContext } from "../agents/agent-driver.js";
import type { SessionTools } from "../agents/builtin/builtin-driver.js";
import type { AgentTool } from "../agents/builtin/tools/agent-tool.js";
import { httpRequestTool, type SessionHttpProxy } from "../agents/builtin/tools/http-request.js";
import { connectMcpServers } from "../agents/mcp/mcp-session-tools.js";
import type { McpServersConfig } from "../config/mcp-servers-schema.js";
import { errorMessage } from "../core/errors.js";
import type { Credentials } from "../credentials/credentials.js";
import { guardedFetch } from "../egress/guarded-fetch.js";
import type { CredentialProxy } from "../proxy/credential-proxy.js";
import type { AgentSessionRepository } from "../sessions/agent-session-repository.js";

/**
 * The per-turn tools of a built-in agent session, beyond the fixed ones:
 * - the tools of every `[mcp.servers.<name>]` (stdio servers inside the sandbox);
 * - `http_request`, when the session was started with `credentials`: for each,
 *   a proxy grant bound to the session (`sessionId`) is created now and revoked
 *   when the turn's driver closes (the turn ended, was cancelled, or Hangar
 *   stops), so a proxy id lives no longer than the turn that may use it.
 */
export interface BuiltinSessionToolsOptions {
  servers: McpServersConfig;
  sessions: Pick<AgentSessionRepository, "get">;
  readVariable: (name: string) => string | undefined;
  /** Both or neither: without them a session's credentials are not offered. */
  credentials?: Credentials;
  credentialProxy?: CredentialProxy;
  /** A grant expires after this even if its revocation were lost (a crash). */
  grantLifetimeMs: number;
  logger: Logger;
}

interface SessionGrant {
  /** What the model names as `target`. */
  toolTarget: string;
  grantId: string;
  /** What the proxy calls the target: `github`, `graph`, or the bearer credential's name. */
  proxyTarget: string;
}

export function builtinSessionTools(
  options: BuiltinSessionToolsOptions,
): (context: AgentDriverContext, signal: AbortSignal) => Promise<SessionTools> {
  return async (context, signal) => {
    const session = await options.sessions.get(context.sessionId);
    const owner = session?.owner ?? "";
    const problems: string[] = [];
    const grants: SessionGrant[] = [];
    const revokeGrants = async () => {
      const { credentials } = options;
      if (credentials === undefined) return;
      await Promise.all(
        grants.map((grant) =>
          credentials.revokeGrant(owner, grant.grantId).catch((error: unknown) => {
            options.logger.error(
              { sessionId: context.sessionId, grantId: grant.grantId },
              `a session's proxy grant could not be revoked (it expires on its own): ${errorMessage(error)}`,
            );
          }),
        ),
      );
    };
    try {
      if (session !== undefined && session.credentials.length > 0) {
        grants.push(...(await grantsFor(options, owner, context.sessionId, session.credentials, problems)));
      }
      const mcp = await connectMcpServers(options.servers, {
        sandbox: context.sandbox,
        readVariable: options.readVariable,
        httpFetch: guardedFetch,
        signal,
      });
      const tools: AgentTool[] = [...mcp.tools];
      if (grants.length > 0 && options.credentialProxy !== undefined) {
        tools.push(httpRequestTool(sessionProxy(options.credentialProxy, owner, context.sessionId, grants)));
      }
      let closed: Promise<void> | undefined;
      return {
        tools,
        problems: [...problems, ...mcp.problems],
        close: () => (closed ??= Promise.all([mcp.close(), revokeGrants()]).then(() => undefined)),
      };
    } catch (error) {
      await revokeGrants();
      throw error;
    }
  };
}

async function grantsFor(
  options: BuiltinSessionToolsOptions,
  owner: string,
  sessionId: string,
  names: readonly string[],
  problems: string[],
): Promise<SessionGrant[]> {
  const { credentials } = options;
  if (credentials === undefined || options.credentialProxy === undefined) {
    problems.push("this server has no credential store: the session's credentials are not available");
    return [];
  }
  const found: SessionGrant[] = [];
  const kinds = new Map<string, number>();
  for (const name of names) {
    const credential = await credentials.get(owner, name);
    if (credential === undefined) {
      problems.push(`the credential "${name}" no longer exists: http_request cannot use it`);
      continue;
    }
    const grant = await credentials.createGrant({
      owner,
      credential: credential.id,
      sessionId,
      expiresAt: Date.now() + options.grantLifetimeMs,
    });
    const proxyTarget = credential.kind === "bearer" ? credential.name : credential.kind;
    found.push({ toolTarget: credential.name, grantId: grant.id, proxyTarget });
    kinds.set(credential.kind, (kinds.get(credential.kind) ?? 0) + 1);
  }
  // `github` and `graph` name the credential of that kind too, when the session has just one.
  for (const kind of ["github", "graph"]) {
    const only = found.find((grant) => grant.proxyTarget === kind);
    if (kinds.get(kind) === 1 && only !== undefined && !found.some((grant) => grant.toolTarget === kind)) {
      found.push({ ...only, toolTarget: kind });
    }
  }
  return found;
}

function sessionProxy(
  proxy: CredentialProxy,
  owner: string,
  sessionId: string,
  grants: readonly SessionGrant[],
): SessionHttpProxy {
  const byTarget = new Map(grants.map((grant) => [grant.toolTarget, grant]));
  return {
    targets: [...byTarget.keys()],
    forward: async (request) => {
      const grant = byTarget.get(request.target)!;
      return proxy.forward({
        owner,
        proxyId: grant.grantId,
        target: grant.proxyTarget,
        method: request.method,
        pathAndQuery: request.pathAndQuery,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        sessionId,
        signal: request.signal,
      });
    },
  };
}
