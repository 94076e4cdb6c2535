import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { errorMessage } from "../core/errors.js";
import type { BindMount } from "./bind-mount.js";

/**
 * Mounts the host makes for sandboxes (root only): size-limited tmpfs, and
 * read-only views of host directories that do not name their host path.
 * Shared by the providers that bind host directories (bubblewrap, Docker).
 */
const run = promisify(execFile);

export async function mountTmpfs(path: string, options: string): Promise<void> {
  await run("/usr/bin/mount", ["-t", "tmpfs", "-o", options, "hangar", path]);
}

export async function bindMountReadOnly(source: string, target: string): Promise<void> {
  await run("/usr/bin/mount", ["--bind", source, target]);
  await run("/usr/bin/mount", ["-o", "remount,bind,ro,nosuid,nodev", target]);
}

/**
 * Mounts `source` read-only at `target` as an overlay whose layers are named by
 * descriptor: a sandbox reading its mountinfo then sees `/` as the mount's root
 * and `lowerdir=/proc/self/fd/3:/proc/self/fd/4` as its options, where a bind
 * mount shows the source's host path (the checkout, ~/.rustup, ...). Overlayfs
 * wants two layers when there is no upper one: `empty` is the second.
 *
 * Files added to `source` later show up, except under a name something looked
 * up (and missed) through the overlay before: overlayfs keeps that miss cached.
 */
export async function mountOverlayReadOnly(source: string, empty: string, target: string): Promise<void> {
  const layers = await Promise.all([open(source, "r"), open(empty, "r")]);
  try {
    const child = spawn(
      "/usr/bin/mount",
      ["-t", "overlay", "-o", "ro,nosuid,nodev,lowerdir=/proc/self/fd/3:/proc/self/fd/4", "hangar", target],
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

/** Detaches every mount in `paths` (deepest first, as `mountsBelow` gives them), a few hundred per umount. */
export async function unmountAll(paths: string[]): Promise<void> {
  for (let start = 0; start < paths.length; start += 200) {
    // umount goes on past a path it cannot detach; whatever it could not is gone already or busy.
    await run("/usr/bin/umount", ["-l", ...paths.slice(start, start + 200)]).catch(() => undefined);
  }
}

/** Mount points at or below `root`, deepest first (from /proc/self/mountinfo). */
export async function mountsBelow(root: string): Promise<string[]> {
  const content = await readFile("/proc/self/mountinfo", "utf8");
  return content
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter(
      (point): point is string => point !== undefined && (point === root || point.startsWith(`${root}/`)),
    )
    .sort((left, right) => right.length - left.length);
}

/** Whether something is mounted exactly at `path` (from /proc/self/mountinfo). */
export async function isMountPoint(path: string): Promise<boolean> {
  const content = await readFile("/proc/self/mountinfo", "utf8");
  return content.split("\n").some((line) => line.split(" ")[4] === path);
}

/**
 * As root, mounts each host directory read-only below `directory` (`0`, `1`, ...) as an
 * overlay, and gives the mounts to bind from there instead: a sandbox's unprivileged uid
 * can reach them (a toolchain under /root, mode 0700, it cannot), and its mountinfo shows
 * `/`, not the host path. What an earlier process left mounted there is replaced (a
 * durable container keeps its own copy of the old mount). Without root nothing can be mounted: the sources
 * are given back as they are. Sources that do not exist are left out.
 */
export async function exposeReadOnly(
  mounts: BindMount[],
  directory: string,
  isRoot: boolean,
  onError?: (message: string) => void,
): Promise<BindMount[]> {
  const present = mounts.filter((mount) => existsSync(mount.source));
  if (!isRoot) return present;
  const empty = join(directory, "empty");
  await mkdir(empty, { recursive: true, mode: 0o755 });
  const result: BindMount[] = [];
  for (const [index, mount] of present.entries()) {
    const target = join(directory, String(index));
    await mkdir(target, { recursive: true, mode: 0o755 });
    if (await isMountPoint(target)) await unmount(target);
    await mountOverlayReadOnly(mount.source, empty, target).catch(async (error: unknown) => {
      onError?.(
        `cannot mount ${mount.source} as an overlay (${errorMessage(error)}): bound instead, ` +
          "so sandboxes see its host path in /proc/self/mountinfo",
      );
      await bindMountReadOnly(mount.source, target);
    });
    result.push({ source: target, target: mount.target });
  }
  return result;
}
