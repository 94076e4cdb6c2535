import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { RunRecord } from "../runs/run-repository.js";
import { createStore, databaseFileName, type Store } from "./create-store.js";
import { integrityCheck, openDatabase } from "./open-database.js";

const stores: Store[] = [];
function storeIn(dataDirectory: string): Store {
  const store = createStore(dataDirectory);
  stores.push(store);
  return store;
}

/** PRAGMA integrity_check through a connection of its own: the store does not hand out its database. */
function integrityOf(dataDirectory: string): string[] {
  const database = openDatabase(join(dataDirectory, databaseFileName));
  try {
    return integrityCheck(database);
  } finally {
    database.close();
  }
}
const directories: string[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "hangar-store-"));
  directories.push(directory);
  return directory;
}

function runOf(code: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: `run_${randomUUID()}`,
    owner: "alice",
    language: "python",
    status: "ok",
    exitCode: 0,
    durationMs: 3,
    stdinBytes: 0,
    codeBytes: Buffer.byteLength(code),
    stdoutBytes: 0,
    stderrBytes: 0,
    codeSha256: createHash("sha256").update(code).digest("hex"),
    sessionId: null,
    createdAt: new Date(),
    ...overrides,
  };
}

/** Every byte SQLite keeps for this store: the main file and, while open, the WAL. */
function storedBytes(dataDirectory: string): Buffer {
  const path = join(dataDirectory, databaseFileName);
  return Buffer.concat(
    [path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)),
  );
}

describe("createStore", () => {
  it("keeps <dataDirectory>/hangar.db, creating the directory, and persists across reopen", async () => {
    const dataDirectory = join(temporaryDirectory(), "data");
    const first = storeIn(dataDirectory);
    const record = runOf("print(1)");
    await first.runs.insert(record);
    await first.sandboxes.upsert({
      id: "sbx_1",
      provider: "docker",
      owner: "alice",
      status: "live",
      labels: {},
      createdAt: new Date(1_000),
      lastUsedAt: new Date(2_000),
    });
    first.close();
    first.close(); // a second close is harmless
    expect(existsSync(join(dataDirectory, "hangar.db"))).toBe(true);
    const second = storeIn(dataDirectory);
    expect(await second.runs.get(record.id)).toEqual(record);
    expect((await second.sandboxes.listLive("docker")).map((sandbox) => sandbox.id)).toEqual(["sbx_1"]);
    expect(integrityOf(dataDirectory)).toEqual([]);
  });

  it("never writes the code: a canary in it appears in neither the database nor the WAL", async () => {
    const dataDirectory = temporaryDirectory();
    const store = storeIn(dataDirectory);
    const canary = `canary-${randomUUID()}`;
    // The control proves the byte search sees a freshly inserted value, so the negative result means something.
    const control = `control-${randomUUID()}`;
    await store.runs.insert(runOf(`print("${canary}")  # ${canary}`));
    await store.runs.insert(runOf("print(2)", { language: control }));

    const whileOpen = storedBytes(dataDirectory);
    expect(whileOpen.includes(control)).toBe(true);
    expect(whileOpen.includes(canary)).toBe(false);

    store.close(); // checkpoints the WAL into the main file
    const afterClose = storedBytes(dataDirectory);
    expect(afterClose.includes(control)).toBe(true);
    expect(afterClose.includes(canary)).toBe(false);
  });

  it("survives SIGKILL mid-write: the file is sound and every committed run is there", async () => {
    const dataDirectory = temporaryDirectory();
    const writer = spawn(
      process.execPath,
      [fileURLToPath(new URL("../../test/fixtures/store-writer.mjs", import.meta.url)), dataDirectory],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      writer.on("exit", (_code, signal) => resolve(signal)),
    );
    const committed: string[] = [];
    for await (const line of createInterface({ input: writer.stdout })) {
      committed.push(line);
      // Kill while it is still writing, well past the point where rows sit only in the WAL.
      if (committed.length === 2_000) writer.kill("SIGKILL");
    }
    expect(await exited).toBe("SIGKILL");
    expect(committed.length).toBeGreaterThanOrEqual(2_000);
    // The committed rows live in the WAL, so reopening exercises recovery, not just a clean file.
    expect(statSync(join(dataDirectory, `${databaseFileName}-wal`)).size).toBeGreaterThan(0);

    const store = storeIn(dataDirectory);
    expect(integrityOf(dataDirectory)).toEqual([]);
    const missing: string[] = [];
    for (const id of committed) if ((await store.runs.get(id)) === undefined) missing.push(id);
    expect(missing).toEqual([]);
  });
});
