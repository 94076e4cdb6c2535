import type { BindMount } from "../bind-mount.js";
import { channelMountPoint } from "../channel-directory.js";
import { workspaceMountPoint } from "../launch-script.js";

/**
 * Pure builder for bubblewrap's argv. Nothing here touches the system, so
 * every isolation decision can be read and unit-tested in one place.
 */

/** How a top-level host directory appears in the sandbox (merged-/usr hosts use symlinks). */
export type RootEntry = { kind: "symlink"; target: string; path: string } | { kind: "bind"; path: string };

/**
 * Where /workspace and /tmp live. `volume`: host directories that outlive any
 * one bubblewrap instance (sessions), with the channel directory beside them. `private`: size-limited tmpfs inside the
 * instance's own mount namespace, gone with it (single-use sandboxes; no host
 * mount needed, which is what makes them cheap).
 */
export type Storage =
  | { kind: "volume"; workspace: string; tmp: string; channel: string }
  | { kind: "private"; workspaceBytes: number; tmpBytes: number };

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

export const sandboxUid = 1000;
export const sandboxGid = 1000;
export { workspaceMountPoint };
export const launchScriptPath = "/.hangar/launch";

export function buildBwrapArguments(input: BwrapArgumentsInput): string[] {
  const argv = [
    // Fresh user, pid, network, ipc, uts and cgroup namespaces: no network at all, only loopback.
    "--unshare-all",
    "--unshare-user",
    // The sandbox cannot create further user namespaces (a large kernel attack surface).
    "--disable-userns",
    ...(input.diesWithParent === false ? [] : ["--die-with-parent"]),
    // A new session: no TIOCSTI injection into a terminal of ours.
    "--new-session",
    "--uid",
    String(input.uid ?? sandboxUid),
    "--gid",
    String(input.gid ?? sandboxGid),
    "--hostname",
    input.hostname ?? "hangar",
    "--clearenv",
  ];
  for (const [name, value] of Object.entries(input.environment)) argv.push("--setenv", name, value);
  for (const mount of input.readOnly) argv.push("--ro-bind", mount.source, mount.target);
  for (const entry of input.rootEntries) {
    if (entry.kind === "symlink") argv.push("--symlink", entry.target, entry.path);
    else argv.push("--ro-bind", entry.path, entry.path);
  }
  argv.push("--proc", "/proc", "--dev", "/dev", "--size", String(input.shmBytes), "--tmpfs", "/dev/shm");
  if (input.storage.kind === "volume") {
    argv.push("--bind", input.storage.tmp, "/tmp", "--bind", input.storage.workspace, workspaceMountPoint);
  } else {
    argv.push("--size", String(input.storage.tmpBytes), "--tmpfs", "/tmp");
    argv.push("--size", String(input.storage.workspaceBytes), "--tmpfs", workspaceMountPoint);
  }
  argv.push("--dir", "/.hangar", "--file", String(input.launchFd), launchScriptPath);
  if (input.storage.kind === "volume") argv.push("--bind", input.storage.channel, channelMountPoint);
  argv.push(
    // Everything but /workspace, /tmp, /dev/shm and the channel (their own mounts) is
    // read-only, so nothing can be written to /, /etc or the launch script.
    "--remount-ro",
    "/",
    "--chdir",
    workspaceMountPoint,
    "--info-fd",
    String(input.infoFd),
    ...(input.seccompFd === undefined ? [] : ["--seccomp", String(input.seccompFd)]),
    "--",
    "/bin/sh",
    launchScriptPath,
  );
  return argv;
}
