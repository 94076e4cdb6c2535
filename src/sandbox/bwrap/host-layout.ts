import { execFile } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readlinkSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { BindMount, RootEntry } from "./bwrap-arguments.js";

/**
 * What of the host a sandbox sees: /usr and the few /etc files toolchains
 * need, read-only. Nothing else of the host's filesystem (no /home, /root,
 * /var, the data directory, or the rest of /etc) exists inside.
 */
const run = promisify(execFile);

const rootDirectories = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
const etcEntries = [
  "alternatives",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "localtime",
  "timezone",
  "nsswitch.conf",
  "ssl",
  "ca-certificates",
  "mime.types",
  "protocols",
  "services",
];
/** /etc directories named after toolchains (java-17-openjdk, python3.11, perl, ...). */
const etcToolchainPattern = /^(java-|python3|perl|gcc|rustc|ruby|php)/;

export function detectRootEntries(): RootEntry[] {
  const entries: RootEntry[] = [];
  for (const path of rootDirectories) {
    if (!existsSync(path)) continue;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) entries.push({ kind: "symlink", target: readlinkSync(path), path });
    else if (stat.isDirectory()) entries.push({ kind: "bind", path });
  }
  return entries;
}

export function detectEtcMounts(): BindMount[] {
  const names = new Set(etcEntries);
  for (const name of readdirSync("/etc")) if (etcToolchainPattern.test(name)) names.add(name);
  return [...names]
    .map((name) => `/etc/${name}`)
    .filter((path) => existsSync(path))
    .map((path) => ({ source: path, target: path }));
}

/** True when a user with no special rights can reach `path` (every ancestor is o+x). */
export function isReachableByOthers(path: string): boolean {
  for (let current = dirname(path); ; current = dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (current === "/") return true;
  }
}

/** Minimal identity files, so `whoami`, `getpass` and friends work inside. */
export async function writeIdentityFiles(directory: string): Promise<BindMount[]> {
  await mkdir(directory, { recursive: true, mode: 0o755 });
  const files: Record<string, string> = {
    passwd:
      "root:x:0:0:root:/root:/bin/sh\nsandbox:x:1000:1000:sandbox:/tmp:/bin/sh\n" +
      "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
    group: "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n",
    hosts: "127.0.0.1 localhost hangar\n::1 localhost ip6-localhost\n",
    hostname: "hangar\n",
  };
  const mounts: BindMount[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(directory, name);
    await writeFile(path, content, { mode: 0o644 });
    mounts.push({ source: path, target: `/etc/${name}` });
  }
  return mounts;
}

export async function mountTmpfs(path: string, options: string): Promise<void> {
  await run("/usr/bin/mount", ["-t", "tmpfs", "-o", options, "hangar", path]);
}

export async function bindMountReadOnly(source: string, target: string): Promise<void> {
  await run("/usr/bin/mount", ["--bind", source, target]);
  await run("/usr/bin/mount", ["-o", "remount,bind,ro", target]);
}

export async function unmount(path: string): Promise<void> {
  await run("/usr/bin/umount", ["-l", path]).catch(() => undefined);
}

/** Mount points at or below `root`, deepest first (from /proc/self/mountinfo). */
export async function mountsBelow(root: string): Promise<string[]> {
  const { readFile } = await import("node:fs/promises");
  const content = await readFile("/proc/self/mountinfo", "utf8");
  return content
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter(
      (point): point is string => point !== undefined && (point === root || point.startsWith(`${root}/`)),
    )
    .sort((left, right) => right.length - left.length);
}
