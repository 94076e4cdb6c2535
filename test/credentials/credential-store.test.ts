import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CredentialService } from "../../src/credentials/credential-service.js";
import { generateSecretKey } from "../../src/credentials/secret-key.js";
import { openRedisCredentialRecords } from "../../src/credentials/redis-credential-repository.js";
import { createStore } from "../../src/store/create-store.js";
import { requireRedisServer, startRedisServer, type RedisServer } from "../fixtures/redis-server.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeCredentialStore } from "./credential-store-suite.js";

/** One store suite, two adapters: a real SQLite file and a real redis-server. */
describeCredentialStore("SQLite", async () => {
  const directory = await mkdtemp(join(tmpdir(), "hangar-credentials-sqlite-"));
  const store = createStore(directory);
  return {
    records: store.credentials,
    dispose: async () => {
      store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});

describe.runIf(requireRedisServer())("on a real redis-server", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
  });

  describeCredentialStore("Redis", async () => {
    const records = await openRedisCredentialRecords({ url: redis.url, keyPrefix: "suite:" });
    return { records, dispose: () => records.close() };
  });
});

describe("per-owner limits", () => {
  it("refuse a credential past the most per owner, and a proxy id past the most active per credential", async () => {
    const directory = await mkdtemp(join(tmpdir(), "hangar-credentials-limits-"));
    const store = createStore(directory);
    try {
      const service = new CredentialService({
        records: store.credentials,
        key: generateSecretKey("test"),
        keyHint: "secret.key",
        limits: { maxCredentialsPerOwner: 2, maxActiveGrantsPerCredential: 3 },
      });
      await service.add({ owner: "alice", name: "one", kind: "github", token: "t1" });
      await service.add({ owner: "alice", name: "two", kind: "github", token: "t2" });
      await expect(
        service.add({ owner: "alice", name: "three", kind: "github", token: "t3" }),
      ).rejects.toMatchObject({
        code: "QUOTA_EXCEEDED",
      });
      // Another owner has a quota of their own.
      await service.add({ owner: "bob", name: "three", kind: "github", token: "t3" });
      const second = await service.createGrant({ owner: "alice", credential: "one" });
      await service.createGrant({ owner: "alice", credential: "one" });
      await expect(service.createGrant({ owner: "alice", credential: "one" })).rejects.toMatchObject({
        code: "QUOTA_EXCEEDED",
      });
      // Revoking frees a place; removing a credential frees one too.
      await service.revokeGrant("alice", second.id);
      await service.createGrant({ owner: "alice", credential: "one" });
      await service.remove("alice", "two");
      await service.add({ owner: "alice", name: "three", kind: "github", token: "t3" });
    } finally {
      store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
