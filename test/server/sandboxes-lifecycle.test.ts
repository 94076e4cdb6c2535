import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { sandboxLimits } from "../../src/app/create-app.js";
import { reconcileSandboxes } from "../../src/managed-sandboxes/reconcile.js";
import {
  requireBubblewrap,
  startHarness,
  useHarness,
  waitFor,
  type Harness,
} from "../fixtures/hangar-harness.js";
import { sandboxClient, type SandboxWire } from "./sandboxes-client.js";

/**
 * Sandboxes over time, against a real Hangar with bubblewrap: idle expiry by
 * the reaper, quotas, and a restart on the same data directory. Managed
 * sandboxes are durable: their processes die with the server, their files do not;
 * orphans (alive, unknown to the store) are destroyed by reconciliation.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));

describe.skipIf(!requireBubblewrap())("sandbox idle expiry", () => {
  const hangar = useHarness({
    config: { sandbox: { pool_size: 0 }, sandboxes: { idle_ttl_seconds: 1, reaper_interval_seconds: 0.1 } },
  });
  const client = sandboxClient(hangar);

  it("the reaper removes a sandbox unused for longer than idle_ttl_seconds", async () => {
    const { sandbox } = (await client.ensure("idle-user", "idle-project")).body;
    expect(Date.parse(sandbox.expires_at!) - Date.parse(sandbox.last_used_at)).toBe(1000);
    let current: SandboxWire | undefined;
    await waitFor(async () => {
      current = (await client.request<SandboxWire>("GET", `/sandboxes/${sandbox.id}`)).body;
      return current.status !== "live";
    }, "the sandbox to expire");
    expect(current).toMatchObject({
      status: "gone",
      gone_reason: "expired: unused for more than 1 s",
      expires_at: null,
    });
    expect(await hangar().app.provider.find(sandbox.id as never)).toBeUndefined();
    const files = await client.request("GET", `/sandboxes/${sandbox.id}/files`);
    expect(files.status).toBe(410);
    expect(files.body.error.code).toBe("SANDBOX_GONE");
    const again = await client.ensure("idle-user", "idle-project");
    expect(again.body.created).toBe(true);
  });
});

describe.skipIf(!requireBubblewrap())("sandbox quotas", () => {
  const hangar = useHarness({ config: { sandbox: { pool_size: 0 }, sandboxes: { max_per_owner: 2 } } });
  const client = sandboxClient(hangar);

  it("answers 429 QUOTA_EXCEEDED naming max_per_owner, and still returns existing sandboxes", async () => {
    expect((await client.ensure("u", "p1")).status).toBe(200);
    expect((await client.ensure("u", "p2")).status).toBe(200);
    const refused = await client.ensure("u", "p3");
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("QUOTA_EXCEEDED");
    expect(refused.body.error.message).toMatch(/sandboxes\.max_per_owner = 2/);
    expect((await client.ensure("u", "p1")).body.created).toBe(false);
    const count = await client.request<{ live: number }>("GET", "/sandboxes/count");
    expect(count.body.live).toBe(2);
  });
});

function hangarCli(
  dataDirectory: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  // The CLI reads HANGAR_* and PORT; the test's own environment must not steer it.
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("HANGAR_") && name !== "PORT"),
  );
  const result = spawnSync(
    process.execPath,
    ["dist/main.js", "sandbox", ...args, "--data-dir", dataDirectory],
    {
      cwd: root,
      env: environment,
      encoding: "utf8",
      timeout: 30_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!requireBubblewrap())("restart on the same data directory", () => {
  let dataDirectory = "";
  let running: Harness | undefined;
  afterAll(async () => {
    await running?.stop();
    if (dataDirectory !== "") await rm(dataDirectory, { recursive: true, force: true });
  });

  it("adopts live sandboxes and destroys orphans; a restart keeps a sandbox and its files", async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), "hangar-restart-"));
    const options = { dataDirectory, config: { sandbox: { pool_size: 0 } } };
    running = await startHarness(options);
    const first = running;
    const client = sandboxClient(() => running!);
    const { sandbox } = (await client.ensure("restart-user", "restart-project")).body;
    expect((await client.write(sandbox.id, "notes.txt", "keep me")).status).toBe(200);

    // An orphan: alive in the provider, unknown to the store.
    const orphan = await first.app.provider.create({
      owner: "local",
      limits: sandboxLimits(first.app.config),
    });
    const report = await reconcileSandboxes(first.app.provider, first.app.store.sandboxes);
    expect(report).toEqual({ adopted: [sandbox.id], gone: [], orphans: [orphan.id], failures: [] });
    expect(await first.app.provider.find(orphan.id)).toBeUndefined();
    expect((await client.read(sandbox.id, "notes.txt")).bytes.toString()).toBe("keep me");

    await first.stop();
    running = await startHarness(options);
    // Managed sandboxes are durable: after the restart it is adopted with its files.
    const after = (await client.request<SandboxWire>("GET", `/sandboxes/${sandbox.id}`)).body;
    expect(after).toMatchObject({ id: sandbox.id, status: "live" });
    expect((await client.read(sandbox.id, "notes.txt")).bytes.toString()).toBe("keep me");
    const again = await client.ensure("restart-user", "restart-project");
    expect(again.body).toMatchObject({ created: false });
    expect(again.body.sandbox.id).toBe(sandbox.id);
    expect((await client.request("GET", "/sandboxes/count")).body).toEqual({
      total: 1,
      live: 1,
      groups: [{ provider: "bwrap", status: "live", count: 1 }],
    });
    await running.stop();
    running = undefined;

    // `hangar sandbox ls` reads the store; `rm` removes the sandbox and its files; `prune` then forgets it.
    const listed = hangarCli(dataDirectory, "ls", "--json");
    expect(listed.status, listed.stderr).toBe(0);
    const lines = listed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; status: string });
    expect(lines).toMatchObject([{ id: sandbox.id, status: "live" }]);
    const removed = hangarCli(dataDirectory, "rm", sandbox.id);
    expect(removed.status, removed.stderr).toBe(0);
    const pruned = hangarCli(dataDirectory, "prune");
    expect(pruned.status, pruned.stderr).toBe(0);
    expect(pruned.stdout).toBe("expired 0, forgot 1 gone or removed\n");
    expect(hangarCli(dataDirectory, "ls").stdout).toBe("no sandboxes\n");
    const missing = hangarCli(dataDirectory, "rm", sandbox.id);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`hangar: no sandbox '${sandbox.id}'\n`);
    // Three server starts, a restart and five CLI processes: about 15 s on a quiet machine.
  }, 90_000);
});
