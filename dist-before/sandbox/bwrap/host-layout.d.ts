import type { BindMount } from "../bind-mount.js";
import type { RootEntry } from "./bwrap-arguments.js";
export declare function detectRootEntries(): RootEntry[];
/** The /etc entries a sandbox needs that exist on this host. */
export declare function detectEtcEntries(): string[];
/**
 * Builds the sandbox's /etc once, at start-up: copies of the entries toolchains
 * need (symlinks kept as symlinks) plus minimal identity files, so `whoami`,
 * `getpass` and friends work. One bind mount of this directory replaces a
 * bind per entry, which cost about 3 ms on every sandbox start.
 */
export declare function buildSandboxEtc(directory: string): Promise<BindMount>;
/** Where bubblewrap is installed; /usr/bin/bwrap when it cannot be found (start() then says to install it). */
export declare function findBwrap(): string;
