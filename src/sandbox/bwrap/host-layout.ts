import { execFile, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, lstatSync, readdirSync, readlinkSync } from "node:fs";
import { cp, mkdir, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { BindMount } from "../bind-mount.js";
import type { RootEntry } from "./bwrap-arguments.js";

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

/** The /etc entries a sandbox needs that exist on this host. */
export function detectEtcEntries(): string[] {
  const names = new Set(etcEntries);
  for (const name of readdirSync("/etc")) if (etcToolchainPattern.test(name)) names.add(name);
  return [...names].filter((name) => existsSync(`/etc/${name}`));
}

/**
 * Builds the sandbox's /etc once, at start-up: copies of the entries toolchains
 * need (symlinks kept as symlinks) plus minimal identity files, so `whoami`,
 * `getpass` and friends work. One bind mount of this directory replaces a
 * bind per entry, which cost about 3 ms on every sandbox start.
 */
export async function buildSandboxEtc(directory: string): Promise<BindMount> {
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true, mode: 0o755 });
  for (const name of detectEtcEntries()) {
    await cp(`/etc/${name}`, join(directory, name), {
      recursive: true,
      verbatimSymlinks: true,
      // Private keys stay on the host, whatever their mode.
      filter: (source) => !source.startsWith("/etc/ssl/private"),
    }).catch(() => undefined); // an unreadable entry is simply not offered
  }
  const files: Record<string, string> = {
    passwd:
      "root:x:0:0:root:/root:/bin/sh\nsandbox:x:1000:1000:sandbox:/tmp:/bin/sh\n" +
      "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
    group: "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n",
    hosts: "127.0.0.1 localhost hangar\n::1 localhost ip6-localhost\n",
    hostname: "hangar\n",
  };
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(directory, name), content, { mode: 0o644 });
  }
  return { source: directory, target: "/etc" };
}

export async function mountTmpfs(path: string, options: string): Promise<void> {
  await run("/usr/bin/mount", ["-t", "tmpfs", "-o", options, "hangar", path]);
}

export async function bindMountReadOnly(source: string, target: string): Promise<void> {
  await run("/usr/bin/mount", ["--bind", source, target]);
  await run("/usr/bin/mount", ["-o", "remount,bind,ro", target]);
}

/**
 * Mounts `source` read-only at `target` as an overlay whose layers are named by
 * descriptor: a sandbox reading its mountinfo then sees `/` as the mount's root
 * and `lowerdir=/proc/self/fd/3:/proc/self/fd/4` as its options, where a bind
 * mount shows the source's host path (the checkout, ~/.rustup, ...). Overlayfs
 * wants two layers when there is no upper one: `empty` is the second.
 */
export async function mountOverlayReadOnly(source: string, empty: string, target: string): Promise<void> {
  const layers = await Promise.all([open(source, "r"), open(empty, "r")]);
  try {
    const child = spawn(
      "/usr/bin/mount",
      ["-t", "overlay", "-o", "ro,lowerdir=/proc/self/fd/3:/proc/self/fd/4", "hangar", target],
      { stdio: ["ignore", "ignore", "pipe", layers[0].fd, layers[1].fd] },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, "close")) as [number | null];
    if (code !== 0) throw new Error(stderr.trim() || `mount exited with ${code}`);
  } finally {
    await Promise.all(layers.map((layer) => layer.close()));
  }
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

/** Where bubblewrap is installed; /usr/bin/bwrap when it cannot be found (start() then says to install it). */
export function findBwrap(): string {
  for (const candidate of ["/usr/bin/bwrap", "/usr/local/bin/bwrap"])
    if (existsSync(candidate)) return candidate;
  try {
    return (
      execFileSync("/bin/sh", ["-c", "command -v bwrap"], { encoding: "utf8" }).trim() || "/usr/bin/bwrap"
    );
  } catch {
    return "/usr/bin/bwrap";
  }
}
