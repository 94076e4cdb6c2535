import type { Logger } from "pino";
import { HangarError, errorMessage } from "../core/errors.js";
import type { Credentials } from "../credentials/credentials.js";
import type { CredentialProxy, ProxyRequest, ProxyResponse } from "../proxy/credential-proxy.js";

/**
 * The proxy grants of one session's credentials, for as long as its agent may use them:
 * one grant per credential, bound to the session (`sessionId`) and expiring on its own
 * after `grantLifetimeMs` should its revocation be lost (a crash). Both agents use it:
 * the built-in agent's `http_request` (for a turn) and an external agent's calls to
 * `http://credentials.hangar/…` through the egress proxy (for a prompt).
 */
export interface SessionCredentialOptions {
  /** Both or neither: without them a session's credentials are not available. */
  credentials?: Credentials;
  credentialProxy?: CredentialProxy;
  grantLifetimeMs: number;
  logger: Logger;
}

export interface SessionCredentialGrants {
  /** What a caller may name as the target: each credential's name, and `github`/`graph` when the session has one of that kind. */
  readonly targets: readonly string[];
  /** Why a credential of the session is not available (it was removed, there is no store). */
  readonly problems: readonly string[];
  /** Through the credential proxy with the target's grant and the session's id; throws HangarError when refused. */
  forward(request: SessionCredentialRequest): Promise<ProxyResponse>;
  /** Revokes every grant; safe to call twice. */
  revoke(): Promise<void>;
}

export type SessionCredentialRequest = Pick<
  ProxyRequest,
  "method" | "pathAndQuery" | "headers" | "body" | "signal"
> & {
  target: string;
};

interface SessionGrant {
  /** What the caller names as `target`. */
  callerTarget: string;
  grantId: string;
  /** What the proxy calls the target: `github`, `graph`, or the bearer credential's name. */
  proxyTarget: string;
}

export async function openSessionCredentialGrants(
  options: SessionCredentialOptions,
  session: { owner: string; sessionId: string; names: readonly string[] },
): Promise<SessionCredentialGrants> {
  const { credentials, credentialProxy } = options;
  const { owner, sessionId } = session;
  const problems: string[] = [];
  const grants: SessionGrant[] = [];
  let revoked: Promise<void> | undefined;
  const revokeOne = async (grant: SessionGrant): Promise<void> => {
    try {
      await credentials?.revokeGrant(owner, grant.grantId);
    } catch (error) {
      options.logger.error(
        { sessionId, grantId: grant.grantId },
        `a session's proxy grant could not be revoked (it expires on its own): ${errorMessage(error)}`,
      );
    }
  };
  const revoke = (): Promise<void> => (revoked ??= Promise.all(grants.map(revokeOne)).then(() => undefined));
  if (credentials === undefined || credentialProxy === undefined) {
    if (session.names.length > 0)
      problems.push("this server has no credential store: the session's credentials are not available");
  } else {
    try {
      const kinds = new Map<string, number>();
      for (const name of session.names) {
        const credential = await credentials.get(owner, name);
        if (credential === undefined) {
          problems.push(`the credential "${name}" no longer exists: the session cannot use it`);
          continue;
        }
        const grant = await credentials.createGrant({
          owner,
          credential: credential.id,
          sessionId,
          expiresAt: Date.now() + options.grantLifetimeMs,
        });
        const proxyTarget = credential.kind === "bearer" ? credential.name : credential.kind;
        grants.push({ callerTarget: credential.name, grantId: grant.id, proxyTarget });
        kinds.set(credential.kind, (kinds.get(credential.kind) ?? 0) + 1);
      }
      // `github` and `graph` name the credential of that kind too, when the session has just one.
      for (const kind of ["github", "graph"]) {
        const only = grants.find((grant) => grant.proxyTarget === kind);
        if (
          kinds.get(kind) === 1 &&
          only !== undefined &&
          !grants.some((grant) => grant.callerTarget === kind)
        ) {
          grants.push({ ...only, callerTarget: kind });
        }
      }
    } catch (error) {
      await revoke();
      throw error;
    }
  }
  const byTarget = new Map(grants.map((grant) => [grant.callerTarget, grant]));
  return {
    targets: [...byTarget.keys()],
    problems,
    revoke,
    forward: async (request) => {
      const grant = byTarget.get(request.target);
      if (grant === undefined || credentialProxy === undefined) {
        throw new HangarError(
          "PROXY_GRANT_NOT_FOUND",
          `no credential for "${request.target}"; this session's targets are: ${[...byTarget.keys()].join(", ") || "none"}`,
          { field: "target" },
        );
      }
      return credentialProxy.forward({
        owner,
        proxyId: grant.grantId,
        target: grant.proxyTarget,
        method: request.method,
        pathAndQuery: request.pathAndQuery,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        sessionId,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
    },
  };
}
