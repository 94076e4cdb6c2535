import type { BindMount } from "../bind-mount.js";
import { workspaceMountPoint } from "../launch-script.js";
/**
 * Pure builder for bubblewrap's argv. Nothing here touches the system, so
 * every isolation decision can be read and unit-tested in one place.
 */
/** How a top-level host directory appears in the sandbox (merged-/usr hosts use symlinks). */
export type RootEntry = {
    kind: "symlink";
    target: string;
    path: string;
} | {
    kind: "bind";
    path: string;
};
/**
 * Where /workspace and /tmp live. `volume`: host directories that outlive any
 * one bubblewrap instance (sessions), with the channel directory beside them. `private`: size-limited tmpfs inside the
 * instance's own mount namespace, gone with it (single-use sandboxes; no host
 * mount needed, which is what makes them cheap).
 */
export type Storage = {
    kind: "volume";
    workspace: string;
    tmp: string;
    channel: string;
} | {
    kind: "private";
    workspaceBytes: number;
    tmpBytes: number;
};
export interface BwrapArgumentsInput {
    storage: Storage;
    /** Size of the private /dev/shm tmpfs. */
    shmBytes: number;
    /** /bin, /lib, ... as they exist on the host. */
    rootEntries: RootEntry[];
    /** Read-only binds: /usr, selected /etc files, toolchains, Hangar's kernels. */
    readOnly: BindMount[];
    environment: Record<string, string>;
    /** File descriptor on which bubblewrap reports the sandbox's pid. */
    infoFd: number;
    /**
     * File descriptor bubblewrap copies the launch script from, during set-up. It blocks there
     * until we write the script, which lets us put the instance in its cgroup first.
     */
    launchFd: number;
    /** File descriptor bubblewrap reads a compiled seccomp program from, when there is one. */
    seccompFd?: number;
    uid?: number;
    gid?: number;
    hostname?: string;
    /**
     * Whether the instance dies with the process that started it (default). False for a
     * command that survives a restart of Hangar (`SpawnOptions.survivesRestart`): its
     * cgroup is then what finds and kills it.
     */
    diesWithParent?: boolean;
}
export declare const sandboxUid = 1000;
export declare const sandboxGid = 1000;
export { workspaceMountPoint };
export declare const launchScriptPath = "/.hangar/launch";
export declare function buildBwrapArguments(input: BwrapArgumentsInput): string[];
