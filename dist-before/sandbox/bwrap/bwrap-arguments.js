import { channelMountPoint } from "../channel-directory.js";
import { workspaceMountPoint } from "../launch-script.js";
export const sandboxUid = 1000;
export const sandboxGid = 1000;
export { workspaceMountPoint };
export const launchScriptPath = "/.hangar/launch";
export function buildBwrapArguments(input) {
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
    for (const [name, value] of Object.entries(input.environment))
        argv.push("--setenv", name, value);
    for (const mount of input.readOnly)
        argv.push("--ro-bind", mount.source, mount.target);
    for (const entry of input.rootEntries) {
        if (entry.kind === "symlink")
            argv.push("--symlink", entry.target, entry.path);
        else
            argv.push("--ro-bind", entry.path, entry.path);
    }
    argv.push("--proc", "/proc", "--dev", "/dev", "--size", String(input.shmBytes), "--tmpfs", "/dev/shm");
    if (input.storage.kind === "volume") {
        argv.push("--bind", input.storage.tmp, "/tmp", "--bind", input.storage.workspace, workspaceMountPoint);
    }
    else {
        argv.push("--size", String(input.storage.tmpBytes), "--tmpfs", "/tmp");
        argv.push("--size", String(input.storage.workspaceBytes), "--tmpfs", workspaceMountPoint);
    }
    argv.push("--dir", "/.hangar", "--file", String(input.launchFd), launchScriptPath);
    if (input.storage.kind === "volume")
        argv.push("--bind", input.storage.channel, channelMountPoint);
    argv.push(
    // Everything but /workspace, /tmp, /dev/shm and the channel (their own mounts) is
    // read-only, so nothing can be written to /, /etc or the launch script.
    "--remount-ro", "/", "--chdir", workspaceMountPoint, "--info-fd", String(input.infoFd), ...(input.seccompFd === undefined ? [] : ["--seccomp", String(input.seccompFd)]), "--", "/bin/sh", launchScriptPath);
    return argv;
}
//# sourceMappingURL=bwrap-arguments.js.map