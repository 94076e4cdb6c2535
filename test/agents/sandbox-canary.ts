import { readFile, readdir } from "node:fs/promises";
import { expect } from "vitest";
import type { Sandbox } from "../../src/sandbox/sandbox-port.js";
import { shellQuote } from "../../src/core/paths.js";

/**
 * Looks for a secret everywhere a process inside a sandbox can look: every file of its
 * file system (`grep -r` from `/`, without /proc, /sys and /dev) and the environment of
 * every process it can see (`/proc/<pid>/environ`). The search string is spelled split in
 * the command (`"sk-can""ary-…"`), so the launch script that carries the command holds no
 * copy of it; grep's own argv holds one, which is why /proc/<pid>/cmdline is not searched.
 *
 * `control` is a string known to be in `controlFile`: the search must find it there, or
 * it proves nothing (a grep that cannot read the workspace would find no secret either).
 */
export interface SandboxSearch {
  /** Paths (and `/proc/<pid>/environ`) that hold the secret. */
  holding: string[];
  /** How many process environments the search could read. */
  environments: number;
}

export async function searchSandbox(
  sandbox: Sandbox,
  secret: string,
  control: { text: string; file: string },
): Promise<SandboxSearch> {
  const splitWord = (text: string): string => {
    const middle = Math.floor(text.length / 2);
    return `${shellQuote(text.slice(0, middle))}${shellQuote(text.slice(middle))}`;
  };
  const secretWord = splitWord(secret);
  const script = [
    `secret=${secretWord}`,
    `control=${splitWord(control.text)}`,
    // -o prints only the match, so a line says which string a file holds.
    'grep -rsoaF -e "$secret" -e "$control" / --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev | sort -u',
    "readable=0",
    "for environ in /proc/[0-9]*/environ; do",
    '  if [ -r "$environ" ] && cat "$environ" >/dev/null 2>&1; then readable=$((readable + 1)); fi',
    '  if grep -qaF -e "$secret" "$environ" 2>/dev/null; then echo "$environ:$secret"; fi',
    "done",
    'echo "environments:$readable"',
  ].join("\n");
  const lines = (await runInSandbox(sandbox, script)).split("\n");
  expect(lines, "the control string was not found: the search proves nothing").toContain(
    `${control.file}:${control.text}`,
  );
  const environments = Number(lines.find((line) => line.startsWith("environments:"))?.split(":")[1] ?? 0);
  return {
    holding: lines
      .filter((line) => line.endsWith(`:${secret}`))
      .map((line) => line.slice(0, -secret.length - 1)),
    environments,
  };
}

/**
 * bubblewrap gives every spawn its own pid namespace, so a search from inside sees only
 * its own processes: the host looks at the environment of every process in the
 * sandbox's cgroup instead (Hangar runs as root in CI). Returns the pids holding the
 * secret and how many processes were looked at.
 */
export async function searchSandboxCgroup(
  sandboxId: string,
  secret: string,
): Promise<{ holding: number[]; processes: number }> {
  const holding: number[] = [];
  let processes = 0;
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cgroups = await readFile(`/proc/${name}/cgroup`, "utf8");
      if (!cgroups.includes(sandboxId)) continue;
      const environ = await readFile(`/proc/${name}/environ`);
      processes += 1;
      if (environ.includes(secret)) holding.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return { holding, processes };
}

/** Runs a shell script in the sandbox (as a command of its own) and returns its stdout. */
export async function runInSandbox(
  sandbox: Sandbox,
  script: string,
  env: Record<string, string> = {},
): Promise<string> {
  const process = await sandbox.spawn(
    { argv: ["/bin/sh", "-c", script], env },
    { timeoutMs: 180_000, maxOutputBytes: 4 * 1024 * 1024 },
  );
  process.stdin.end();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  process.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  process.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
  const exit = await process.exited;
  const stderr = Buffer.concat(errors).toString("utf8");
  expect(exit.reason, `${JSON.stringify(exit)} ${stderr}`).toBe("exited");
  expect(exit.exitCode, `exit ${exit.exitCode}: ${stderr}`).toBe(0);
  return Buffer.concat(chunks).toString("utf8");
}
