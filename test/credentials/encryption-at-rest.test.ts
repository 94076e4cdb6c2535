import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCredentials, type CredentialServices } from "../../src/app/create-credentials.js";
import { parseConfig } from "../../src/config/load-config.js";
import { HangarError } from "../../src/core/errors.js";
import { finishInterruptedRotation, rotateKey } from "../../src/credentials/key-rotation.js";
import {
  generateSecretKey,
  keyFileText,
  loadSecretKey,
  parseSecretKey,
  readKeyFile,
  writeKeyFile,
  type SecretKey,
} from "../../src/credentials/secret-key.js";
import { openToken, sealToken } from "../../src/credentials/token-cipher.js";
import { createStore, type Store } from "../../src/store/create-store.js";

/**
 * Encryption at rest against a real SQLite file: the token is nowhere in the
 * database's bytes, a wrong key is named, not a crash, and rotation
 * re-encrypts. The key file is checked as the filesystem sees it.
 */
let directory: string;
let opened: Array<{ store: Store; credentials: CredentialServices }> = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "hangar-credentials-rest-"));
});
afterEach(async () => {
  for (const each of opened) await close(each);
  opened = [];
  await rm(directory, { recursive: true, force: true });
});

async function open(environment: NodeJS.ProcessEnv = {}) {
  const config = parseConfig({ data_dir: directory });
  const store = createStore(directory);
  try {
    const credentials = await createCredentials({ config, store, environment });
    const handle = { store, credentials };
    opened.push(handle);
    return handle;
  } catch (error) {
    store.close();
    throw error;
  }
}

async function close(handle: { store: Store; credentials: CredentialServices }): Promise<void> {
  opened = opened.filter((each) => each !== handle);
  await handle.credentials.close();
  handle.store.close();
}

function databaseBytes(): Buffer {
  return Buffer.concat(
    ["hangar.db", "hangar.db-wal"]
      .map((name) => join(directory, name))
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path)),
  );
}

async function failure(promise: Promise<unknown>): Promise<HangarError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HangarError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("tokens at rest", () => {
  it("never writes the token to the database file or its WAL, before or after close", async () => {
    const canary = `ghp_CANARY${randomBytes(12).toString("hex")}`;
    const handle = await open();
    await handle.credentials.service.add({
      owner: "alice",
      name: "canary-cred",
      kind: "github",
      token: canary,
    });
    expect(await handle.credentials.service.tokenFor("alice", "canary-cred")).toBe(canary);
    const whileOpen = databaseBytes();
    // The scan can see what is stored in clear: the name is there, so the token would be too.
    expect(whileOpen.includes("canary-cred")).toBe(true);
    expect(whileOpen.includes(canary)).toBe(false);
    expect(whileOpen.includes(canary.slice(4))).toBe(false);
    await close(handle);
    const afterClose = databaseBytes();
    expect(afterClose.includes("canary-cred")).toBe(true);
    expect(afterClose.includes(canary)).toBe(false);
    expect(afterClose.includes(Buffer.from(canary).toString("base64").slice(0, 20))).toBe(false);
  });

  it("reads tokens back after a restart with the same key file", async () => {
    let handle = await open();
    await handle.credentials.service.add({
      owner: "alice",
      name: "persisted",
      kind: "graph",
      token: "graph-token",
    });
    await close(handle);
    handle = await open();
    expect(await handle.credentials.service.tokenFor("alice", "persisted")).toBe("graph-token");
  });

  it("names the stored and current key ids and what to restore when the key is wrong", async () => {
    const handle = await open();
    const { grant } = await handle.credentials.service.add({
      owner: "alice",
      name: "gh-ci",
      kind: "github",
      token: "ghp_x",
    });
    const storedKeyId = handle.credentials.key.id;
    await close(handle);
    const other = generateSecretKey("test");
    const wrong = await open({ HANGAR_SECRET_KEY: other.bytes.toString("base64") });
    for (const attempt of [
      wrong.credentials.service.tokenFor("alice", "gh-ci"),
      wrong.credentials.service.resolveGrant(grant.id),
    ]) {
      const error = await failure(attempt);
      expect(error.code).toBe("CONFIG_INVALID");
      expect(error.message).toBe(
        `credential 'gh-ci' was encrypted with key ${storedKeyId}, but the current key is ${other.id} ` +
          `(HANGAR_SECRET_KEY); set HANGAR_SECRET_KEY to the key it was stored with or restore ${join(directory, "secret.key")}`,
      );
    }
    // Listing still works: nothing but the token needs the key.
    expect((await wrong.credentials.service.list("alice")).map((credential) => credential.name)).toEqual([
      "gh-ci",
    ]);
  });

  it("says a damaged ciphertext is damaged, instead of crashing or returning garbage", async () => {
    const handle = await open();
    const { credential } = await handle.credentials.service.add({
      owner: "alice",
      name: "tamper",
      kind: "github",
      token: "ghp_y",
    });
    await close(handle);
    const database = new BetterSqlite3(join(directory, "hangar.db"));
    const row = database.prepare("SELECT ciphertext FROM credentials WHERE id = ?").get(credential.id) as {
      ciphertext: Buffer;
    };
    const altered = Buffer.from(row.ciphertext);
    altered[altered.length - 1]! ^= 0x01;
    database.prepare("UPDATE credentials SET ciphertext = ? WHERE id = ?").run(altered, credential.id);
    database.close();
    const reopened = await open();
    const error = await failure(reopened.credentials.service.tokenFor("alice", "tamper"));
    expect(error.message).toContain(
      "credential 'tamper' cannot be decrypted: its stored ciphertext is damaged or was altered",
    );
  });

  it("does not let a ciphertext moved onto another credential's row decrypt there", () => {
    const key = generateSecretKey("test");
    const sealed = sealToken(key, "secret-a", "cred_aaaaaaaaaaaaaaaa");
    expect(() =>
      openToken(key, sealed, { credentialId: "cred_bbbbbbbbbbbbbbbb", credentialName: "b", keyHint: "x" }),
    ).toThrow(/damaged or was altered/);
    expect(
      openToken(key, sealed, { credentialId: "cred_aaaaaaaaaaaaaaaa", credentialName: "a", keyHint: "x" }),
    ).toBe("secret-a");
  });
});

describe("the key", () => {
  it("is generated once as a 0600 key file of 45 bytes, and the same key is read back", async () => {
    const first = await open();
    const path = join(directory, "secret.key");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(path).size).toBe(45);
    expect(first.credentials.key.id).toMatch(/^k_[0-9a-f]{12}$/);
    await close(first);
    const second = await open();
    expect(second.credentials.key.id).toBe(first.credentials.key.id);
  });

  it("refuses a key file others could read, or of the wrong size", async () => {
    await close(await open());
    const path = join(directory, "secret.key");
    chmodSync(path, 0o644);
    await expect(open()).rejects.toThrow(/has mode 0644: others may have read it; refusing to use it/);
    chmodSync(path, 0o600);
    writeFileSync(path, "short\n", { mode: 0o600 });
    await expect(open()).rejects.toThrow(/has 6 bytes, not the 44 of a base64 key/);
    writeFileSync(path, `${"!".repeat(44)}\n`, { mode: 0o600 });
    await expect(open()).rejects.toThrow(new RegExp(`${path} must be 32 bytes`));
  });

  it("takes HANGAR_SECRET_KEY as base64 or hex and writes nothing to disk; refuses anything else naming it", async () => {
    const key = generateSecretKey("test");
    const fromBase64 = await open({ HANGAR_SECRET_KEY: key.bytes.toString("base64") });
    expect(fromBase64.credentials.key.id).toBe(key.id);
    await close(fromBase64);
    const fromHex = await open({ HANGAR_SECRET_KEY: key.bytes.toString("hex") });
    expect(fromHex.credentials.key.id).toBe(key.id);
    await close(fromHex);
    expect(existsSync(join(directory, "secret.key"))).toBe(false);
    for (const bad of [
      "short",
      "a".repeat(63),
      randomBytes(31).toString("base64"),
      randomBytes(33).toString("hex"),
      `${"z".repeat(64)}`,
    ]) {
      const error = await failure(open({ HANGAR_SECRET_KEY: bad }));
      expect(error).toMatchObject({ code: "CONFIG_INVALID", field: "HANGAR_SECRET_KEY" });
      expect(error.message).toMatch(/^HANGAR_SECRET_KEY must be 32 bytes written as base64/);
      expect(error.message).not.toContain(bad);
    }
  });

  it("generates the key file once; every later start reads the same key", () => {
    const keys = Array.from({ length: 8 }, () => loadSecretKey({ dataDirectory: directory }));
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
    expect(readKeyFile(join(directory, "secret.key")).id).toBe(keys[0]!.id);
  });
});

describe("key rotation", () => {
  async function seed() {
    const handle = await open();
    const names = ["one", "two", "three"];
    for (const name of names) {
      await handle.credentials.service.add({ owner: "alice", name, kind: "github", token: `ghp_${name}` });
    }
    const before = await handle.store.credentials.listAll();
    return { handle, names, before, oldKey: handle.credentials.key };
  }

  /** The old key's bytes under the new key's id: proves the bytes, not only the id check, changed. */
  function asIf(key: SecretKey, id: string): SecretKey {
    return { ...key, id };
  }

  it("re-encrypts every token with a new key file: the old key opens nothing, the new one everything", async () => {
    const { handle, before, oldKey } = await seed();
    const result = await rotateKey({
      dataDirectory: directory,
      records: handle.store.credentials,
      currentKey: oldKey,
    });
    expect(result).toMatchObject({
      previousKeyId: oldKey.id,
      reencrypted: 3,
      keyFile: join(directory, "secret.key"),
    });
    const after = await handle.store.credentials.listAll();
    const newKey = readKeyFile(join(directory, "secret.key"));
    expect(newKey.id).toBe(result.keyId);
    expect(newKey.id).not.toBe(oldKey.id);
    expect(statSync(join(directory, "secret.key")).mode & 0o777).toBe(0o600);
    expect(existsSync(join(directory, "secret.key.next"))).toBe(false);
    for (const row of after) {
      const previous = before.find((each) => each.id === row.id)!;
      expect(row.keyId).toBe(newKey.id);
      expect(row.ciphertext.equals(previous.ciphertext)).toBe(false);
      const context = { credentialId: row.id, credentialName: row.name, keyHint: "x" };
      expect(openToken(newKey, row, context)).toBe(`ghp_${row.name}`);
      expect(() => openToken(oldKey, row, context)).toThrow(/was encrypted with key/);
      expect(() => openToken(asIf(oldKey, newKey.id), row, context)).toThrow(/damaged or was altered/);
    }
    await close(handle);
    const reopened = await open();
    expect(await reopened.credentials.service.tokenFor("alice", "two")).toBe("ghp_two");
  });

  it("with HANGAR_SECRET_KEY takes the new key given and writes no file", async () => {
    const oldKey = generateSecretKey("test");
    const handle = await open({ HANGAR_SECRET_KEY: oldKey.bytes.toString("hex") });
    await handle.credentials.service.add({ owner: "bob", name: "env", kind: "graph", token: "graph-env" });
    const newKey = parseSecretKey(generateSecretKey("x").bytes.toString("base64"), "NEW_KEY");
    const result = await rotateKey({
      dataDirectory: directory,
      records: handle.store.credentials,
      currentKey: handle.credentials.key,
      newKey,
    });
    expect(result).toEqual({ previousKeyId: oldKey.id, keyId: newKey.id, reencrypted: 1 });
    expect(existsSync(join(directory, "secret.key"))).toBe(false);
    expect(existsSync(join(directory, "secret.key.next"))).toBe(false);
    await close(handle);
    const reopened = await open({ HANGAR_SECRET_KEY: newKey.bytes.toString("base64") });
    expect(await reopened.credentials.service.tokenFor("bob", "env")).toBe("graph-env");
    await expect(
      rotateKey({
        dataDirectory: directory,
        records: reopened.store.credentials,
        currentKey: reopened.credentials.key,
        newKey,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("writes nothing when a token cannot be opened with the current key", async () => {
    const { handle, oldKey } = await seed();
    const foreign = generateSecretKey("foreign");
    const row = (await handle.store.credentials.find("alice", "two"))!;
    const sealed = sealToken(foreign, "ghp_two", row.id);
    await handle.store.credentials.replaceCiphertexts([{ id: row.id, previousKeyId: oldKey.id, ...sealed }]);
    const before = await handle.store.credentials.listAll();
    await expect(
      rotateKey({ dataDirectory: directory, records: handle.store.credentials, currentKey: oldKey }),
    ).rejects.toThrow(/credential 'two' was encrypted with key/);
    expect(await handle.store.credentials.listAll()).toEqual(before);
    expect(readKeyFile(join(directory, "secret.key")).id).toBe(oldKey.id);
    expect(existsSync(join(directory, "secret.key.next"))).toBe(false);
  });

  it("on start, discards a secret.key.next whose rotation never committed", async () => {
    const { handle, oldKey } = await seed();
    writeKeyFile(join(directory, "secret.key.next"), generateSecretKey("next"), true);
    await close(handle);
    const reopened = await open();
    expect(existsSync(join(directory, "secret.key.next"))).toBe(false);
    expect(reopened.credentials.key.id).toBe(oldKey.id);
    expect(await reopened.credentials.service.tokenFor("alice", "one")).toBe("ghp_one");
  });

  it("on start, finishes a rotation that committed but did not rename the key file", async () => {
    const { handle, oldKey } = await seed();
    const next = generateSecretKey(join(directory, "secret.key.next"));
    writeKeyFile(join(directory, "secret.key.next"), next, true);
    const rows = await handle.store.credentials.listAll();
    await handle.store.credentials.replaceCiphertexts(
      rows.map((row) => ({
        id: row.id,
        previousKeyId: oldKey.id,
        ...sealToken(
          next,
          openToken(oldKey, row, { credentialId: row.id, credentialName: row.name, keyHint: "x" }),
          row.id,
        ),
      })),
    );
    await close(handle);
    const reopened = await open();
    expect(reopened.credentials.key.id).toBe(next.id);
    expect(existsSync(join(directory, "secret.key.next"))).toBe(false);
    expect(readFileSync(join(directory, "secret.key"), "utf8")).toBe(keyFileText(next));
    expect(await reopened.credentials.service.tokenFor("alice", "three")).toBe("ghp_three");
    expect(await finishInterruptedRotation(directory, reopened.store.credentials)).toBe("none");
  });
});
