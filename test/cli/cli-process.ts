import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootstrapBuild, repositoryRoot, type ServerProcess } from "../fixtures/server-process.js";

/** The built CLI, run as a user runs it: `node dist/main.js …`. */
export const cliEntry = join(repositoryRoot, "dist/main.js");

/** dist/ built, and a fresh temporary directory for the commands to run in. */
export async function prepareCliDirectory(prefix: string): Promise<string> {
  bootstrapBuild();
  return mkdtemp(join(tmpdir(), prefix));
}

/** The environment without the test's own HANGAR_* and PORT, which would steer the CLI. */
export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !name.startsWith("HANGAR_") && name !== "PORT");
  return { ...Object.fromEntries(kept), ...extra };
}

export function runCli(
  args: string[],
  options: { cwd: string; input?: string; env?: Record<string, string> },
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cliEntry, ...args], {
    cwd: options.cwd,
    env: cleanEnvironment(options.env),
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
}

/** `hangar serve` with the given arguments; resolves once it says where it listens. */
export async function startServe(
  args: string[],
  cwd: string,
): Promise<ServerProcess & { log: () => string }> {
  const child = spawn(process.execPath, [cliEntry, "serve", "--port", "0", ...args], {
    cwd,
    env: cleanEnvironment({ HANGAR_POOL_SIZE: "0" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${log}`)), 30_000);
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (!match) return;
      clearTimeout(timer);
      clearInterval(poll);
      resolve(match[1]!);
    }, 50);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${log}`));
    });
  });
  return { child, url, exited, log: () => log };
}

/** Ends a server the way Ctrl-C does, so it unmounts and removes what it holds. */
export async function stopServe(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
  await server.exited;
}
