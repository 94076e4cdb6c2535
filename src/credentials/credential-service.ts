import { HangarError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { CredentialRecord, CredentialRecords } from "./credential-records.js";
import {
  grantIdPattern,
  validateBaseUrl,
  validateExpiry,
  validateKind,
  validateMethods,
  validateName,
  validatePathPrefixes,
  validateSessionId,
  validateToken,
} from "./credential-validation.js";
import type {
  AddCredentialInput,
  CreateGrantInput,
  Credential,
  Credentials,
  ProxyGrant,
  ResolvedGrant,
} from "./credentials.js";
import type { SecretKey } from "./secret-key.js";
import { openToken, sealToken } from "./token-cipher.js";

export interface CredentialServiceOptions {
  records: CredentialRecords;
  key: SecretKey;
  /** What a user restores when the key is wrong (the key file's path); named in the error. */
  keyHint: string;
  now?: () => number;
  /** Bounds on what one owner can pile up; the defaults suit people and their agents' sessions. */
  limits?: Partial<CredentialLimits>;
}

export interface CredentialLimits {
  maxCredentialsPerOwner: number;
  /** Grants not revoked (expired ones count until revoked: the store never deletes them itself). */
  maxActiveGrantsPerCredential: number;
}

export const defaultCredentialLimits: CredentialLimits = {
  maxCredentialsPerOwner: 256,
  maxActiveGrantsPerCredential: 1000,
};

/**
 * The credential store as the rest of Hangar uses it: validation, ids,
 * encryption at rest, owner scoping. Rows live behind `CredentialRecords`
 * (SQLite or Redis); the token leaves this class only through `resolveGrant`
 * and `tokenFor`, for in-process callers that attach it upstream.
 */
export class CredentialService implements Credentials {
  readonly #records: CredentialRecords;
  readonly #key: SecretKey;
  readonly #keyHint: string;
  readonly #now: () => number;
  readonly #limits: CredentialLimits;

  constructor(options: CredentialServiceOptions) {
    this.#records = options.records;
    this.#key = options.key;
    this.#keyHint = options.keyHint;
    this.#now = options.now ?? Date.now;
    this.#limits = { ...defaultCredentialLimits, ...options.limits };
  }

  get keyId(): string {
    return this.#key.id;
  }

  async add(input: AddCredentialInput): Promise<{ credential: Credential; grant: ProxyGrant }> {
    const name = validateName(input.name);
    const kind = validateKind(input.kind);
    const token = validateToken(input.token);
    const baseUrl = validateBaseUrl(kind, input.baseUrl);
    const owner = assertOwner(input.owner);
    // A check, not a lock: concurrent adds may overshoot by a few, which bounds growth all the same.
    if ((await this.#records.list(owner)).length >= this.#limits.maxCredentialsPerOwner) {
      throw new HangarError(
        "QUOTA_EXCEEDED",
        `you have ${this.#limits.maxCredentialsPerOwner} credentials, the most one owner may keep; remove one first`,
        { field: "name" },
      );
    }
    const now = this.#now();
    const id = newId("cred");
    const sealed = sealToken(this.#key, token, id);
    const record: CredentialRecord = {
      id,
      owner,
      name,
      kind,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      keyId: sealed.keyId,
      ciphertext: sealed.ciphertext,
      createdAt: now,
    };
    const grant: ProxyGrant = {
      id: newId("prx"),
      credentialId: id,
      owner,
      allowedPathPrefixes: [],
      allowedMethods: [],
      createdAt: now,
    };
    if (!(await this.#records.insert(record, grant))) {
      throw new HangarError("CONFLICT", `a credential named '${name}' already exists; remove it first`, {
        field: "name",
      });
    }
    return { credential: toCredential(record), grant };
  }

  async list(owner: string): Promise<Credential[]> {
    return (await this.#records.list(owner)).map(toCredential);
  }

  async get(owner: string, nameOrId: string): Promise<Credential | undefined> {
    const record = await this.#records.find(owner, nameOrId);
    return record === undefined ? undefined : toCredential(record);
  }

  async remove(owner: string, nameOrId: string): Promise<boolean> {
    const record = await this.#records.find(owner, nameOrId);
    return record === undefined ? false : this.#records.remove(owner, record.id);
  }

  async createGrant(input: CreateGrantInput): Promise<ProxyGrant> {
    const now = this.#now();
    const expiresAt = validateExpiry(input.expiresAt, now);
    const allowedPathPrefixes = validatePathPrefixes(input.allowedPathPrefixes);
    const allowedMethods = validateMethods(input.allowedMethods);
    const sessionId = validateSessionId(input.sessionId);
    const record = await this.#records.find(input.owner, input.credential);
    if (record === undefined) throw notFound(input.credential);
    const active = (await this.#records.listGrants(record.owner, record.id)).filter(
      (grant) => grant.revokedAt === undefined,
    );
    if (active.length >= this.#limits.maxActiveGrantsPerCredential) {
      throw new HangarError(
        "QUOTA_EXCEEDED",
        `credential '${record.name}' has ${this.#limits.maxActiveGrantsPerCredential} proxy ids not revoked, ` +
          "the most it may have; revoke some first",
        { field: "name" },
      );
    }
    const grant: ProxyGrant = {
      id: newId("prx"),
      credentialId: record.id,
      owner: record.owner,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      allowedPathPrefixes,
      allowedMethods,
      ...(sessionId === undefined ? {} : { sessionId }),
      createdAt: now,
    };
    // The credential may have been removed since the lookup.
    if (!(await this.#records.insertGrant(grant))) throw notFound(input.credential);
    return grant;
  }

  async listGrants(owner: string, credential?: string): Promise<ProxyGrant[]> {
    if (credential === undefined) return this.#records.listGrants(owner);
    const record = await this.#records.find(owner, credential);
    if (record === undefined) throw notFound(credential);
    return this.#records.listGrants(owner, record.id);
  }

  async revokeGrant(owner: string, grantId: string): Promise<boolean> {
    if (!grantIdPattern.test(grantId)) return false;
    return this.#records.revokeGrant(owner, grantId, this.#now());
  }

  async resolveGrant(grantId: string): Promise<ResolvedGrant | undefined> {
    if (!grantIdPattern.test(grantId)) return undefined;
    const grant = await this.#records.findGrant(grantId);
    if (grant === undefined) return undefined;
    const record = await this.#records.findById(grant.credentialId);
    // A grant whose credential is gone (or changed hands) grants nothing.
    if (record === undefined || record.owner !== grant.owner) return undefined;
    return { grant, credential: toCredential(record), token: this.#open(record) };
  }

  async tokenFor(owner: string, nameOrId: string): Promise<string | undefined> {
    const record = await this.#records.find(owner, nameOrId);
    return record === undefined ? undefined : this.#open(record);
  }

  /** How many stored credentials (every owner's) have a key id other than the current key's (start-up warning). */
  async countUnreadable(): Promise<number> {
    return (await this.#records.listAll()).filter((record) => record.keyId !== this.#key.id).length;
  }

  #open(record: CredentialRecord): string {
    return openToken(
      this.#key,
      { keyId: record.keyId, ciphertext: record.ciphertext },
      { credentialId: record.id, credentialName: record.name, keyHint: this.#keyHint },
    );
  }
}

function assertOwner(owner: string): string {
  if (owner.length === 0 || owner.length > 128)
    throw new HangarError("VALIDATION_FAILED", "owner must be 1-128 characters", { field: "owner" });
  return owner;
}

function notFound(credential: string): HangarError {
  return new HangarError("NOT_FOUND", `no credential '${credential}'`, { field: "name" });
}

function toCredential(record: CredentialRecord): Credential {
  return {
    id: record.id,
    owner: record.owner,
    name: record.name,
    kind: record.kind,
    ...(record.baseUrl === undefined ? {} : { baseUrl: record.baseUrl }),
    createdAt: record.createdAt,
  };
}
