import { randomBytes } from "node:crypto";
import type {
  AddCredentialInput,
  CreateGrantInput,
  Credential,
  Credentials,
  ProxyGrant,
  ResolvedGrant,
} from "../../src/credentials/credentials.js";

/**
 * A small in-memory `Credentials` for the proxy's tests, standing in until the real store
 * (helper "credentials") is merged; the lead replaces it with the real service then.
 */
export class MemoryCredentials implements Credentials {
  private readonly credentials = new Map<string, Credential & { token: string }>();
  private readonly grants = new Map<string, ProxyGrant>();

  async add(input: AddCredentialInput): Promise<{ credential: Credential; grant: ProxyGrant }> {
    const id = `cred_${randomBytes(8).toString("hex")}`;
    const stored = {
      id,
      owner: input.owner,
      name: input.name,
      kind: input.kind,
      ...(input.baseUrl === undefined ? {} : { baseUrl: input.baseUrl }),
      createdAt: Date.now(),
      token: input.token,
    };
    this.credentials.set(id, stored);
    const grant = await this.createGrant({ owner: input.owner, credential: id });
    return { credential: withoutToken(stored), grant };
  }

  async list(owner: string): Promise<Credential[]> {
    return [...this.credentials.values()].filter((entry) => entry.owner === owner).map(withoutToken);
  }

  async get(owner: string, nameOrId: string): Promise<Credential | undefined> {
    const found = this.find(owner, nameOrId);
    return found === undefined ? undefined : withoutToken(found);
  }

  async remove(owner: string, nameOrId: string): Promise<boolean> {
    const found = this.find(owner, nameOrId);
    if (found === undefined) return false;
    this.credentials.delete(found.id);
    for (const [id, grant] of this.grants) if (grant.credentialId === found.id) this.grants.delete(id);
    return true;
  }

  async createGrant(input: CreateGrantInput): Promise<ProxyGrant> {
    const credential = this.find(input.owner, input.credential);
    if (credential === undefined) throw new Error("no such credential");
    const grant: ProxyGrant = {
      id: `prx_${randomBytes(16).toString("hex")}`,
      credentialId: credential.id,
      owner: input.owner,
      allowedPathPrefixes: input.allowedPathPrefixes ?? [],
      allowedMethods: input.allowedMethods ?? [],
      createdAt: Date.now(),
      ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
      ...(input.sessionId === undefined ? {} : { sessionId: input.sessionId }),
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  async listGrants(owner: string): Promise<ProxyGrant[]> {
    return [...this.grants.values()].filter((grant) => grant.owner === owner);
  }

  async revokeGrant(owner: string, grantId: string): Promise<boolean> {
    const grant = this.grants.get(grantId);
    if (grant === undefined || grant.owner !== owner) return false;
    grant.revokedAt = Date.now();
    return true;
  }

  async resolveGrant(grantId: string): Promise<ResolvedGrant | undefined> {
    const grant = this.grants.get(grantId);
    const credential = grant === undefined ? undefined : this.credentials.get(grant.credentialId);
    if (grant === undefined || credential === undefined) return undefined;
    return { grant: { ...grant }, credential: withoutToken(credential), token: credential.token };
  }

  async tokenFor(owner: string, nameOrId: string): Promise<string | undefined> {
    return this.find(owner, nameOrId)?.token;
  }

  private find(owner: string, nameOrId: string): (Credential & { token: string }) | undefined {
    return [...this.credentials.values()].find(
      (entry) => entry.owner === owner && (entry.id === nameOrId || entry.name === nameOrId),
    );
  }
}

function withoutToken(entry: Credential & { token: string }): Credential {
  const { token: _token, ...credential } = entry;
  return credential;
}
