import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { parseConfig } from "../../src/config/load-config.js";
import { HangarError } from "../../src/core/errors.js";
import type { LanguageInfo } from "../../src/runs/run-types.js";
import { probeDockerEngine, testImage } from "../fixtures/docker-engine.js";
import { isCi, useHarness } from "../fixtures/hangar-harness.js";

/**
 * The whole server on the Docker provider (`sandbox.provider = "docker"`):
 * languages come from the image, sessions keep a kernel in the container, and
 * a missing engine or image fails start-up with an error that says what to do.
 */
const environment = await probeDockerEngine();
if (!environment.isAvailable && isCi)
  throw new Error(`CI must run the Docker server suite: ${environment.reason}`);
if (!environment.isAvailable) console.warn(`skipping: ${environment.reason}`);

describe.skipIf(!environment.isAvailable)("a Docker-backed server", () => {
  const hangar = useHarness({ provider: "docker" });
  const directories: string[] = [];
  afterAll(async () => {
    await Promise.all(directories.map((path) => rm(path, { recursive: true, force: true })));
  });

  it("offers the image's languages with the image's versions (Debian's rustc, node 18)", async () => {
    expect(hangar().app.provider.name).toBe("docker");
    const response = await hangar().request<{ languages: LanguageInfo[] }>("GET", "/languages");
    expect(response.status).toBe(200);
    const byName = new Map(response.body.languages.map((language) => [language.name, language]));
    for (const name of [
      "python",
      "javascript",
      "typescript",
      "bash",
      "sh",
      "c",
      "cpp",
      "java",
      "rust",
      "perl",
    ])
      expect(byName.has(name), name).toBe(true);
    // Not in the image, so not offered even where this host has them.
    for (const name of ["ruby", "php", "lua"]) expect(byName.has(name), name).toBe(false);
    expect(byName.get("javascript")?.version).toMatch(/^18\./);
    const rust = await hangar().run({
      language: "rust",
      code: 'fn main() { println!("rust {}", 6 * 7); }',
      timeoutMs: 30_000,
    });
    expect(rust.body).toMatchObject({ status: "ok", stdout: "rust 42\n" });
    // The JVM starts its threads with clone3 first: the seccomp profile's ENOSYS must send it to clone.
    const java = await hangar().run({
      language: "java",
      code: 'class Main { public static void main(String[] a) { System.out.println("java " + (6 * 7)); } }',
      timeoutMs: 30_000,
    });
    expect(java.body).toMatchObject({ status: "ok", stdout: "java 42\n" });
  });

  it("keeps state in a session's kernel; a warm run is a round trip, not a new container process", async () => {
    const sessionId = `docker-kernel-${randomBytes(4).toString("hex")}`;
    const first = await hangar().run({
      language: "python",
      sessionId,
      code: "import os\nkept = os.getpid()\nkept",
    });
    expect(first.body.status).toBe("ok");
    for (let index = 0; index < 3; index++) {
      // The same interpreter (same pid) answers every run.
      const next = await hangar().run({ language: "python", sessionId, code: "os.getpid() == kept" });
      expect(next.body).toMatchObject({ status: "ok", result: "True" });
    }
    const javascript = await hangar().run({
      language: "javascript",
      sessionId,
      code: "globalThis.n = 41; n + 1",
    });
    expect(javascript.body).toMatchObject({ status: "ok", result: "42" });
    const again = await hangar().run({ language: "typescript", sessionId, code: "const m: number = n; m" });
    expect(again.body).toMatchObject({ status: "ok", result: "41" });
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`)).status).toBe(204);
  });

  it("managed sandboxes run the default image unless a request names another, which must exist", async () => {
    type Ensured = { sandbox?: { id: string; image: string | null }; error?: { field?: string } };
    const ensure = (body: Record<string, unknown>) =>
      hangar().request<Ensured>("POST", "/sandboxes/ensure", { user_id: "images", ...body });
    const missing = `hangar-missing-${randomBytes(4).toString("hex")}:latest`;
    const refused = await ensure({ project_id: "missing", image: missing });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.field).toBe("image");
    const created = await ensure({ project_id: "default" });
    expect(created.status).toBe(200);
    expect(created.body.sandbox?.image).toBe(testImage);
    const named = await ensure({ project_id: "named", image: created.body.sandbox?.image });
    expect(named.body.sandbox?.image).toBe(created.body.sandbox?.image);
    for (const sandbox of [created.body.sandbox, named.body.sandbox]) {
      expect((await hangar().request("DELETE", `/sandboxes/${sandbox?.id}`)).status).toBe(204);
    }
  });

  async function startWith(image: string, dockerHost?: string): Promise<unknown> {
    const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-docker-server-"));
    directories.push(dataDirectory);
    const config = parseConfig({
      data_dir: dataDirectory,
      log: { level: "silent" },
      sandbox: { provider: "docker", pool_size: 0, docker: { image } },
    });
    const previous = process.env.DOCKER_HOST;
    if (dockerHost !== undefined) process.env.DOCKER_HOST = dockerHost;
    try {
      const app = await createApp(config, { skipProbes: true });
      await app.stop();
      return undefined;
    } catch (error) {
      return error;
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  }

  it("a missing image fails start-up naming the image and `hangar image build`", async () => {
    const image = `hangar-missing-${randomBytes(4).toString("hex")}:latest`;
    const error = await startWith(image);
    expect(error).toBeInstanceOf(HangarError);
    expect((error as HangarError).message).toContain(image);
    expect((error as HangarError).message).toContain("hangar image build");
  });

  it("an unreachable engine fails start-up with ENGINE_UNAVAILABLE naming the DOCKER_HOST it tried", async () => {
    const socket = join(tmpdir(), `hangar-no-engine-${randomBytes(4).toString("hex")}.sock`);
    const error = await startWith("hangar-sandbox:latest", `unix://${socket}`);
    expect(error).toMatchObject({ code: "ENGINE_UNAVAILABLE" });
    expect((error as HangarError).message).toContain(`unix://${socket}`);
  });
});
