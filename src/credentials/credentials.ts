/**
 * The credential store's port, as the rest of Hangar sees it: the proxy
 * (`/proxy/*`), the MCP server's GitHub tools and the HTTP/CLI management
 * commands all talk to this, never to an adapter. Tokens are write-only from
 * outside: `add` takes one, nothing here returns one except `resolveGrant` and
 * `tokenFor`, which exist for in-process callers that attach it upstream
 * (the proxy, Octokit) and must never hand it to a caller or a log.
 */

/** How the upstream expects the token, and which upstream it is. */
export type CredentialKind = "github" | "graph" | "bearer";

export const credentialKinds: readonly CredentialKind[] = ["github", "graph", "bearer"];

/** A stored credential, without its token. */
export interface Credential {
  /** `cred_…`, random. */
  id: string;
  owner: string;
  /** Unique per owner; `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`. Used in `/proxy/{name}/…` for `bearer`. */
  name: string;
  kind: CredentialKind;
  /** Only for `bearer`: the fixed upstream (`https://api.example.com/v2`). github/graph use `[proxy]` config. */
  baseUrl?: string;
  createdAt: number;
}

/** A proxy id: one revocable grant to use a credential through the proxy. */
export interface ProxyGrant {
  /** `prx_…`, random; what callers send as `X-Proxy-Id`. */
  id: string;
  credentialId: string;
  owner: string;
  /** Epoch ms; absent = never expires. */
  expiresAt?: number;
  /** Path prefixes (after the kind, e.g. `/repos/acme/`) this grant may call; empty = any. */
  allowedPathPrefixes: string[];
  /** Upper-case HTTP methods this grant may use; empty = any. */
  allowedMethods: string[];
  /** Set when the grant is bound to one agent session (the agent's own proxy id). */
  sessionId?: string;
  revokedAt?: number;
  createdAt: number;
}

export interface AddCredentialInput {
  owner: string;
  name: string;
  kind: CredentialKind;
  token: string;
  baseUrl?: string;
}

export interface CreateGrantInput {
  owner: string;
  /** The credential's name (or id). */
  credential: string;
  expiresAt?: number;
  allowedPathPrefixes?: string[];
  allowedMethods?: string[];
  sessionId?: string;
}

/** What the proxy needs to forward one request. */
export interface ResolvedGrant {
  grant: ProxyGrant;
  credential: Credential;
  token: string;
}

export interface Credentials {
  /** Stores the token encrypted; returns the credential and its first proxy grant. */
  add(input: AddCredentialInput): Promise<{ credential: Credential; grant: ProxyGrant }>;
  list(owner: string): Promise<Credential[]>;
  /** By name or id; another owner's credential is undefined. */
  get(owner: string, nameOrId: string): Promise<Credential | undefined>;
  /** Removes the credential and every grant of it. */
  remove(owner: string, nameOrId: string): Promise<boolean>;
  createGrant(input: CreateGrantInput): Promise<ProxyGrant>;
  listGrants(owner: string, credential?: string): Promise<ProxyGrant[]>;
  /** Marks the grant revoked (kept for audit); false when it is not this owner's. */
  revokeGrant(owner: string, grantId: string): Promise<boolean>;
  /**
   * The grant with its credential and decrypted token, or undefined when the id is unknown.
   * Revocation and expiry are NOT filtered here: the caller decides and names the reason.
   */
  resolveGrant(grantId: string): Promise<ResolvedGrant | undefined>;
  /** The decrypted token of an owner's credential (by name or id), for in-process clients (Octokit). */
  tokenFor(owner: string, nameOrId: string): Promise<string | undefined>;
}
