import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killServerProcesses, repositoryRoot, type ServerProcess } from "../fixtures/server-process.js";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";

/**
 * `.env` in the working directory, as Coderunner reads it: the built CLI
 * (`node dist/main.js`) started in a directory with a `.env` takes its
 * variables, and a variable already set in the environment wins over the file.
 */
const entry = join(repositoryRoot, "dist/main.js");

/** The environment without the test's own HANGAR_* and PORT, which would steer the CLI. */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !name.startsWith("HANGAR_") && name !== "PORT");
  return { ...Object.fromEntries(kept), ...extra };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe(".env in the working directory", () => {
  let directory: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    const bootstrap = spawnSync(process.execPath, ["scripts/bootstrap.mjs"], {
      cwd: repositoryRoot,
      encoding: "utf8",
    });
    if (bootstrap.status !== 0) throw new Error(`bootstrap failed:\n${bootstrap.stderr}`);
    directory = await mkdtemp(join(tmpdir(), "hangar-dotenv-"));
  });

  afterAll(async () => {
    await killServerProcesses(servers);
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it("fills in the configuration; what the environment already set wins", async () => {
    await writeFile(
      join(directory, ".env"),
      [
        "# Coderunner-style settings",
        "HANGAR_PORT=4567",
        "HANGAR_LOG_LEVEL=debug",
        'HANGAR_API_KEYS="secret-key-from-dotenv:alice"',
        "HANGAR_POOL_SIZE=7",
      ].join("\n"),
    );
    const result = spawnSync(process.execPath, [entry, "config"], {
      cwd: directory,
      env: cleanEnvironment({ HANGAR_POOL_SIZE: "3" }),
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const config = JSON.parse(result.stdout) as {
      server: { port: number; api_keys: Array<{ key: string; owner: string }> };
      log: { level: string };
      sandbox: { pool_size: number };
    };
    expect(config.server.port).toBe(4567);
    expect(config.log.level).toBe("debug");
    expect(config.server.api_keys).toEqual([{ key: "secr****", owner: "alice", admin: false }]);
    expect(config.sandbox.pool_size).toBe(3);
  });

  it("without a .env nothing changes", async () => {
    const empty = await mkdtemp(join(tmpdir(), "hangar-no-dotenv-"));
    try {
      const result = spawnSync(process.execPath, [entry, "config"], {
        cwd: empty,
        env: cleanEnvironment(),
        encoding: "utf8",
      });
      expect(result.status).toBe(0);
      expect((JSON.parse(result.stdout) as { server: { port: number } }).server.port).not.toBe(4567);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it.skipIf(!requireBubblewrap())(
    "`hangar serve` listens on the PORT the .env names",
    { timeout: 60_000 },
    async () => {
      const port = await freePort();
      const serveDirectory = await mkdtemp(join(tmpdir(), "hangar-dotenv-serve-"));
      await writeFile(
        join(serveDirectory, ".env"),
        [`PORT=${port}`, "HANGAR_DATA_DIR=./from-dotenv", "HANGAR_POOL_SIZE=0"].join("\n"),
      );
      const child = spawn(process.execPath, [entry, "serve"], {
        cwd: serveDirectory,
        env: cleanEnvironment(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      servers.push({ child, url: `http://127.0.0.1:${port}`, exited });
      try {
        let log = "";
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no listening line in 30 s:\n${log}`)), 30_000);
          const onData = (chunk: Buffer): void => {
            log += chunk.toString();
            if (log.includes("listening on http://127.0.0.1:")) {
              clearTimeout(timer);
              resolve();
            }
          };
          child.stdout.on("data", onData);
          child.stderr.on("data", onData);
          child.once("exit", () => reject(new Error(`serve exited:\n${log}`)));
        });
        expect(log).toContain(`listening on http://127.0.0.1:${port}`);
        const health = await fetch(`http://127.0.0.1:${port}/health`);
        expect(health.status).toBe(200);
        expect(existsSync(join(serveDirectory, "from-dotenv", "hangar.db"))).toBe(true);
      } finally {
        child.kill("SIGTERM");
        await exited;
        await rm(serveDirectory, { recursive: true, force: true });
      }
    },
  );
});
