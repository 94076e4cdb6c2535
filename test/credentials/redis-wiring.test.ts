import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredentials } from "../../src/app/create-credentials.js";
import { loadConfig } from "../../src/config/load-config.js";
import { rotateKey } from "../../src/credentials/key-rotation.js";
import { createStore } from "../../src/store/create-store.js";
import { requireRedisServer, startRedisServer, type RedisServer } from "../fixtures/redis-server.js";

/**
 * `[credentials] store = "redis"` as the composition root builds it, against a
 * real redis-server: REDIS_URL and key_prefix from the config, the token
 * nowhere in Redis in clear, rotation, the connection closed on stop, and a
 * clear error (without the password) when Redis cannot be reached.
 */
describe.runIf(requireRedisServer())("the credential store on Redis, wired from the config", () => {
  let redis: RedisServer;
  let directory: string;
  let inspector: Redis;

  beforeAll(async () => {
    redis = await startRedisServer();
    directory = await mkdtemp(join(tmpdir(), "hangar-credentials-redis-"));
    inspector = new Redis(redis.url);
  }, 60_000);
  afterAll(async () => {
    await inspector?.quit();
    await redis?.stop();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  function config(environment: NodeJS.ProcessEnv) {
    return loadConfig({
      environment,
      workingDirectory: directory,
      flags: { data_dir: directory, credentials: { store: "redis", key_prefix: "coderunner:hangar:" } },
    });
  }

  async function connectedClients(): Promise<number> {
    const list = await inspector.client("LIST");
    return String(list).trim().split("\n").length;
  }

  it("stores under the prefix, encrypted, rotates, and closes its connection", async () => {
    const parsed = config({ REDIS_URL: redis.url });
    expect(parsed.credentials).toEqual({
      store: "redis",
      redis_url: redis.url,
      key_prefix: "coderunner:hangar:",
    });
    const store = createStore(directory);
    const before = await connectedClients();
    const credentials = await createCredentials({ config: parsed, store, environment: {} });
    expect(await connectedClients()).toBe(before + 1);
    const canary = "ghp_CANARYredis0123456789";
    const { grant } = await credentials.service.add({
      owner: "alice",
      name: "gh",
      kind: "github",
      token: canary,
    });
    const keys = await inspector.keys("*");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith("coderunner:hangar:"))).toBe(true);
    for (const key of keys) {
      const type = await inspector.type(key);
      const values =
        type === "hash"
          ? Object.values(await inspector.hgetall(key))
          : type === "set"
            ? await inspector.smembers(key)
            : await inspector.zrange(key, 0, -1);
      expect(values.join("\n").includes(canary)).toBe(false);
    }
    expect((await credentials.service.resolveGrant(grant.id))?.token).toBe(canary);
    // Nothing of the credential in SQLite.
    expect(await store.credentials.listAll()).toEqual([]);
    const rotated = await rotateKey({
      dataDirectory: directory,
      records: credentials.records,
      currentKey: credentials.key,
    });
    expect(rotated.reencrypted).toBe(1);
    await credentials.close();
    expect(await connectedClients()).toBe(before);
    const reopened = await createCredentials({ config: parsed, store, environment: {} });
    expect(reopened.key.id).toBe(rotated.keyId);
    expect(await reopened.service.tokenFor("alice", "gh")).toBe(canary);
    await reopened.close();
    store.close();
  });

  it("needs a Redis URL, and says so", () => {
    expect(() => config({})).toThrow(
      /credentials.store = "redis" needs credentials.redis_url \(or REDIS_URL\)/,
    );
    expect(() => config({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/redis:\/\/ or rediss:\/\/ URL/);
  });

  it("fails clearly, without the password, when Redis cannot be reached", async () => {
    const parsed = config({ REDIS_URL: "redis://:hunter2secret@127.0.0.1:1" });
    const store = createStore(directory);
    try {
      const error = await createCredentials({ config: parsed, store, environment: {} }).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message).toMatch(
        /^cannot connect to the credential store's Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/,
      );
      expect(error?.message).not.toContain("hunter2secret");
    } finally {
      store.close();
    }
  });
});
