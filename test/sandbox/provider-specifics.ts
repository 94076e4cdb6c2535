import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { ServerProvider } from "../../src/app/create-provider.js";
import { collect } from "../../src/sandbox/sandbox-file-commands.js";
import type { Sandbox } from "../../src/sandbox/sandbox-port.js";
import { waitFor } from "./host-observation.js";
import { conformanceLimits } from "./provider-conformance.js";

/**
 * Helpers for the provider-specific tests beside the conformance suite: what
 * a provider built on the sandbox kit must do beyond the port (a warm pool,
 * throw-away data directories).
 */

/** Fresh data directories for one test file; `removeAll()` in its afterAll. */
export class DataDirectories {
  readonly paths: string[] = [];

  constructor(private readonly prefix: string) {}

  /** A new path under the temporary directory; the provider's `startProvider` creates it. */
  next(): string {
    const path = join(tmpdir(), `${this.prefix}-${randomBytes(6).toString("hex")}`);
    this.paths.push(path);
    return path;
  }

  async removeAll(): Promise<void> {
    await Promise.all(this.paths.map((path) => rm(path, { recursive: true, force: true })));
  }
}

/** Runs a shell script to the end and returns its stdout. */
export async function runShell(sandbox: Sandbox, script: string): Promise<string> {
  const process = await sandbox.spawn(
    { argv: ["/bin/sh", "-c", script] },
    { timeoutMs: 10_000, maxOutputBytes: 100_000 },
  );
  process.stdin.end();
  const [stdout] = await Promise.all([collect(process.stdout), collect(process.stderr), process.exited]);
  return Buffer.from(stdout).toString("utf8");
}

/**
 * A provider started with a pool of two at `conformanceLimits` hands each pooled
 * sandbox to exactly one owner, never shares one's files with another, and
 * refills once claimed sandboxes are released.
 */
export async function expectWarmPoolOfTwo(provider: ServerProvider, fillTimeoutMs: number): Promise<void> {
  await waitFor(() => provider.poolReady === 2, "the pool to fill", fillTimeoutMs);
  const spec = { limits: conformanceLimits, singleUse: true };
  const [first, second] = await Promise.all([
    provider.create({ ...spec, owner: "pool-owner-a" }),
    provider.create({ ...spec, owner: "pool-owner-b" }),
  ]);
  // Both came from the pool: it stays empty until a release asks for a refill.
  expect(provider.poolReady).toBe(0);
  expect(first.id).not.toBe(second.id);
  expect([first.owner, second.owner]).toEqual(["pool-owner-a", "pool-owner-b"]);
  expect((await provider.list({ owner: "pool-owner-a" })).map((info) => info.id)).toEqual([first.id]);
  expect((await provider.list()).map((info) => info.id).sort()).toEqual([first.id, second.id].sort());
  expect(await runShell(first, "echo secret > /tmp/mine; echo secret > mine; echo done")).toBe("done\n");
  expect(await runShell(second, "cat /tmp/mine mine 2>/dev/null; echo end")).toBe("end\n");
  // Each ran its one command: neither can be handed a second one.
  await expect(first.spawn({ argv: ["/bin/true"] }, { timeoutMs: 1000, maxOutputBytes: 10 })).rejects.toThrow(
    /already ran/,
  );
  await Promise.all([first.destroy(), second.destroy()]);
  await waitFor(() => provider.poolReady === 2, "the pool to refill", fillTimeoutMs);
  const third = await provider.create({ ...spec, owner: "pool-owner-c" });
  expect([first.id, second.id]).not.toContain(third.id);
  expect(provider.poolReady).toBe(1);
}
