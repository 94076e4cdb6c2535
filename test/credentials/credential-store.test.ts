import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openRedisCredentialRecords } from "../../src/credentials/redis-credential-repository.js";
import { createStore } from "../../src/store/create-store.js";
import { requireRedisServer, startRedisServer, type RedisServer } from "../fixtures/redis-server.js";
import { afterAll, beforeAll, describe } from "vitest";
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
