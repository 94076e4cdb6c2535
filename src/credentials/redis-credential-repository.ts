import { Redis } from "ioredis";
import { HangarError, errorMessage } from "../core/errors.js";
import type { CiphertextUpdate, CredentialRecord, CredentialRecords } from "./credential-records.js";
import type { CredentialKind, ProxyGrant } from "./credentials.js";

/**
 * The credential store's records in Redis, for deployments that share
 * Coderunner's Redis. Keys under `prefix` (default `hangar:`):
 *
 *   credential:<id>           hash   the row (ciphertext as base64)
 *   credential-names:<owner>  hash   name → id; HSETNX keeps names unique per owner
 *   credentials               set    every id (key rotation)
 *   grant:<id>                hash   a proxy grant
 *   credential-grants:<id>    zset   a credential's grant ids by creation time
 *   owner-grants:<owner>      zset   an owner's grant ids by creation time
 *
 * Every write that touches more than one key is one Lua script, which Redis
 * runs atomically: two concurrent adds of one name cannot both win, and a
 * grant is never added to a credential being removed. (Standalone Redis; the
 * scripts build grant keys themselves, which Redis Cluster does not allow.)
 */
const insertScript = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
local credentialFields = tonumber(ARGV[5])
redis.call('HSET', KEYS[2], unpack(ARGV, 6, 5 + credentialFields))
redis.call('HSET', KEYS[4], unpack(ARGV, 6 + credentialFields))
redis.call('SADD', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[4])
redis.call('ZADD', KEYS[6], ARGV[3], ARGV[4])
return 1`;

const insertGrantScript = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], unpack(ARGV, 4))
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[3])
return 1`;

const removeScript = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
local name = redis.call('HGET', KEYS[1], 'name')
for _, grant in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
  redis.call('DEL', ARGV[2] .. grant)
  redis.call('ZREM', KEYS[5], grant)
end
redis.call('DEL', KEYS[4], KEYS[1])
if redis.call('HGET', KEYS[2], name) == ARGV[3] then redis.call('HDEL', KEYS[2], name) end
redis.call('SREM', KEYS[3], ARGV[3])
return 1`;

const revokeScript = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
redis.call('HSETNX', KEYS[1], 'revoked_at', ARGV[2])
return 1`;

const replaceScript = `
local changed = 0
for index, key in ipairs(KEYS) do
  local base = (index - 1) * 3
  if redis.call('HGET', key, 'key_id') == ARGV[base + 1] then
    redis.call('HSET', key, 'key_id', ARGV[base + 2], 'ciphertext', ARGV[base + 3])
    changed = changed + 1
  end
end
return changed`;

export interface RedisCredentialOptions {
  url: string;
  keyPrefix?: string;
  /** Connection errors after start (Redis restarts); ioredis reconnects by itself. */
  onError?: (message: string) => void;
}

/** Connects (failing clearly when Redis cannot be reached) and returns the adapter. */
export async function openRedisCredentialRecords(
  options: RedisCredentialOptions,
): Promise<RedisCredentialRepository> {
  const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  let hasConnected = false;
  redis.on("error", (error: unknown) => {
    if (hasConnected) options.onError?.(`credential store (Redis): ${errorMessage(error)}`);
  });
  try {
    await redis.connect();
    hasConnected = true;
  } catch (error) {
    redis.disconnect();
    throw new HangarError(
      "CONFIG_INVALID",
      `cannot connect to the credential store's Redis at ${withoutPassword(options.url)} ` +
        `(credentials.redis_url or REDIS_URL): ${errorMessage(error)}`,
      { field: "credentials.redis_url", cause: error },
    );
  }
  return new RedisCredentialRepository(redis, options.keyPrefix ?? "hangar:");
}

/** A Redis URL as it may be shown: the password replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.href;
  } catch {
    return "(an unparsable URL)";
  }
}

export class RedisCredentialRepository implements CredentialRecords {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #credentialKey = (id: string): string => `${this.#prefix}credential:${id}`;
  #namesKey = (owner: string): string => `${this.#prefix}credential-names:${encodeURIComponent(owner)}`;
  #allKey = (): string => `${this.#prefix}credentials`;
  #grantKey = (id: string): string => `${this.#prefix}grant:${id}`;
  #credentialGrantsKey = (id: string): string => `${this.#prefix}credential-grants:${id}`;
  #ownerGrantsKey = (owner: string): string => `${this.#prefix}owner-grants:${encodeURIComponent(owner)}`;

  async insert(record: CredentialRecord, firstGrant: ProxyGrant): Promise<boolean> {
    const credentialFields = credentialHash(record);
    const result = await this.#redis.eval(
      insertScript,
      6,
      this.#namesKey(record.owner),
      this.#credentialKey(record.id),
      this.#allKey(),
      this.#grantKey(firstGrant.id),
      this.#credentialGrantsKey(record.id),
      this.#ownerGrantsKey(record.owner),
      record.name,
      record.id,
      String(firstGrant.createdAt),
      firstGrant.id,
      String(credentialFields.length),
      ...credentialFields,
      ...grantHash(firstGrant),
    );
    return result === 1;
  }

  async find(owner: string, nameOrId: string): Promise<CredentialRecord | undefined> {
    const id = await this.#redis.hget(this.#namesKey(owner), nameOrId);
    const record = await this.findById(id ?? nameOrId);
    return record?.owner === owner ? record : undefined;
  }

  async findById(id: string): Promise<CredentialRecord | undefined> {
    return toRecord(await this.#redis.hgetall(this.#credentialKey(id)));
  }

  async list(owner: string): Promise<CredentialRecord[]> {
    const ids = await this.#redis.hvals(this.#namesKey(owner));
    const records = await this.#credentials(ids);
    return records.filter((record) => record.owner === owner).sort((a, b) => compare(a.name, b.name));
  }

  async listAll(): Promise<CredentialRecord[]> {
    const records = await this.#credentials(await this.#redis.smembers(this.#allKey()));
    return records.sort((a, b) => compare(a.owner, b.owner) || compare(a.name, b.name));
  }

  async remove(owner: string, id: string): Promise<boolean> {
    const result = await this.#redis.eval(
      removeScript,
      5,
      this.#credentialKey(id),
      this.#namesKey(owner),
      this.#allKey(),
      this.#credentialGrantsKey(id),
      this.#ownerGrantsKey(owner),
      owner,
      this.#grantKey(""),
      id,
    );
    return result === 1;
  }

  async insertGrant(grant: ProxyGrant): Promise<boolean> {
    const result = await this.#redis.eval(
      insertGrantScript,
      4,
      this.#credentialKey(grant.credentialId),
      this.#grantKey(grant.id),
      this.#credentialGrantsKey(grant.credentialId),
      this.#ownerGrantsKey(grant.owner),
      grant.owner,
      String(grant.createdAt),
      grant.id,
      ...grantHash(grant),
    );
    return result === 1;
  }

  async findGrant(id: string): Promise<ProxyGrant | undefined> {
    return toGrant(await this.#redis.hgetall(this.#grantKey(id)));
  }

  async listGrants(owner: string, credentialId?: string): Promise<ProxyGrant[]> {
    const key =
      credentialId === undefined ? this.#ownerGrantsKey(owner) : this.#credentialGrantsKey(credentialId);
    const ids = await this.#redis.zrange(key, 0, -1);
    if (ids.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.#grantKey(id));
    const grants = (await pipeline.exec()) ?? [];
    return grants
      .map(([, hash]) => toGrant(hash as Record<string, string>))
      .filter((grant): grant is ProxyGrant => grant !== undefined && grant.owner === owner);
  }

  async revokeGrant(owner: string, id: string, revokedAt: number): Promise<boolean> {
    return (await this.#redis.eval(revokeScript, 1, this.#grantKey(id), owner, String(revokedAt))) === 1;
  }

  async replaceCiphertexts(updates: readonly CiphertextUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const result = await this.#redis.eval(
      replaceScript,
      updates.length,
      ...updates.map((update) => this.#credentialKey(update.id)),
      ...updates.flatMap((update) => [
        update.previousKeyId,
        update.keyId,
        update.ciphertext.toString("base64"),
      ]),
    );
    return Number(result);
  }

  async close(): Promise<void> {
    try {
      await this.#redis.quit();
    } catch {
      this.#redis.disconnect();
    }
  }

  async #credentials(ids: readonly string[]): Promise<CredentialRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.#credentialKey(id));
    const hashes = (await pipeline.exec()) ?? [];
    return hashes
      .map(([, hash]) => toRecord(hash as Record<string, string>))
      .filter((record): record is CredentialRecord => record !== undefined);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function credentialHash(record: CredentialRecord): string[] {
  return [
    "id",
    record.id,
    "owner",
    record.owner,
    "name",
    record.name,
    "kind",
    record.kind,
    ...(record.baseUrl === undefined ? [] : ["base_url", record.baseUrl]),
    "key_id",
    record.keyId,
    "ciphertext",
    record.ciphertext.toString("base64"),
    "created_at",
    String(record.createdAt),
  ];
}

function grantHash(grant: ProxyGrant): string[] {
  return [
    "id",
    grant.id,
    "credential_id",
    grant.credentialId,
    "owner",
    grant.owner,
    ...(grant.expiresAt === undefined ? [] : ["expires_at", String(grant.expiresAt)]),
    "allowed_path_prefixes",
    JSON.stringify(grant.allowedPathPrefixes),
    "allowed_methods",
    JSON.stringify(grant.allowedMethods),
    ...(grant.sessionId === undefined ? [] : ["session_id", grant.sessionId]),
    ...(grant.revokedAt === undefined ? [] : ["revoked_at", String(grant.revokedAt)]),
    "created_at",
    String(grant.createdAt),
  ];
}

function toRecord(hash: Record<string, string> | null | undefined): CredentialRecord | undefined {
  if (hash?.id === undefined) return undefined;
  return {
    id: hash.id,
    owner: hash.owner ?? "",
    name: hash.name ?? "",
    kind: (hash.kind ?? "bearer") as CredentialKind,
    ...(hash.base_url === undefined ? {} : { baseUrl: hash.base_url }),
    keyId: hash.key_id ?? "",
    ciphertext: Buffer.from(hash.ciphertext ?? "", "base64"),
    createdAt: Number(hash.created_at),
  };
}

function toGrant(hash: Record<string, string> | null | undefined): ProxyGrant | undefined {
  if (hash?.id === undefined) return undefined;
  return {
    id: hash.id,
    credentialId: hash.credential_id ?? "",
    owner: hash.owner ?? "",
    ...(hash.expires_at === undefined ? {} : { expiresAt: Number(hash.expires_at) }),
    allowedPathPrefixes: JSON.parse(hash.allowed_path_prefixes ?? "[]") as string[],
    allowedMethods: JSON.parse(hash.allowed_methods ?? "[]") as string[],
    ...(hash.session_id === undefined ? {} : { sessionId: hash.session_id }),
    ...(hash.revoked_at === undefined ? {} : { revokedAt: Number(hash.revoked_at) }),
    createdAt: Number(hash.created_at),
  };
}
