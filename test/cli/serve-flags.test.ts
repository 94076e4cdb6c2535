import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { prepareCliDirectory, startServe, stopServe } from "./cli-process.js";

/**
 * `hangar serve` with RCoder's short flags: `-p` sets the port and
 * `-d/--projects-dir` where managed sandboxes keep their workspaces (a
 * workspace image as root, a directory otherwise) instead of the data directory.
 */
describe.runIf(requireBubblewrap())("hangar serve -p -d", () => {
  let directory: string;

  beforeAll(async () => {
    directory = await prepareCliDirectory("hangar-serve-flags-");
  });

  afterAll(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it(
    "keeps a sandbox's workspace under --projects-dir, not the data directory",
    { timeout: 120_000 },
    async () => {
      const projects = join(directory, "projects");
      const data = join(directory, "data");
      const server = await startServe(["-p", "0", "-d", projects, "--data-dir", data], directory);
      try {
        const ensured = await fetch(`${server.url}/sandboxes/ensure`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ user_id: "alice", project_id: "site" }),
        });
        expect(ensured.status).toBeLessThan(300);
        const { sandbox } = (await ensured.json()) as { sandbox: { id: string } };
        const written = await fetch(`${server.url}/sandboxes/${sandbox.id}/files/content?path=index.html`, {
          method: "PUT",
          headers: { "content-type": "application/octet-stream" },
          body: "<h1>hello</h1>",
        });
        expect(written.status).toBeLessThan(300);
        const [instance, ...others] = readdirSync(projects);
        expect(others).toEqual([]);
        expect(instance).toMatch(/^bwrap-[0-9a-f]{12}$/);
        const entries = readdirSync(join(projects, instance!));
        // The workspace (`<id>.img` as root, `<id>/` otherwise) and its record.
        expect(entries.some((name) => name === sandbox.id || name === `${sandbox.id}.img`)).toBe(true);
        expect(existsSync(join(data, "workspaces", instance!))).toBe(false);
        const removed = await fetch(`${server.url}/sandboxes/${sandbox.id}`, { method: "DELETE" });
        expect(removed.status).toBeLessThan(300);
      } finally {
        await stopServe(server);
      }
    },
  );
});
