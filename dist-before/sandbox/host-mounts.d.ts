import type { BindMount } from "./bind-mount.js";
export declare function mountTmpfs(path: string, options: string): Promise<void>;
export declare function bindMountReadOnly(source: string, target: string): Promise<void>;
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
export declare function mountOverlayReadOnly(source: string, empty: string, target: string): Promise<void>;
export declare function unmount(path: string): Promise<void>;
/** Mount points at or below `root`, deepest first (from /proc/self/mountinfo). */
export declare function mountsBelow(root: string): Promise<string[]>;
/** Whether something is mounted exactly at `path` (from /proc/self/mountinfo). */
export declare function isMountPoint(path: string): Promise<boolean>;
/**
 * As root, mounts each host directory read-only below `directory` (`0`, `1`, ...) as an
 * overlay, and gives the mounts to bind from there instead: a sandbox's unprivileged uid
 * can reach them (a toolchain under /root, mode 0700, it cannot), and its mountinfo shows
 * `/`, not the host path. What an earlier process left mounted there is replaced (a
 * durable container keeps its own copy of the old mount). Without root nothing can be mounted: the sources
 * are given back as they are. Sources that do not exist are left out.
 */
export declare function exposeReadOnly(mounts: BindMount[], directory: string, isRoot: boolean, onError?: (message: string) => void): Promise<BindMount[]>;
