import type { Command } from "./sandbox-port.js";
/**
 * Pure builder for the script every sandbox command starts as, whichever
 * provider runs it (bubblewrap reads it from a pipe, Docker's keeper from its
 * stdin). It sets the rlimits, writes staged files from inside the sandbox (so
 * a symlink planted in the workspace can only ever point inside the sandbox),
 * exports the environment and finally execs the command. Only shell built-ins
 * run before the exec (plus `mkdir` for nested paths), so it costs well under
 * a millisecond.
 */
export interface StagedFile {
    /** Validated path relative to the workspace. */
    path: string;
    data: Uint8Array | string;
}
export interface LaunchLimits {
    cpuTimeSeconds?: number;
    /** RLIMIT_FSIZE: the largest file a process may write. */
    fileSizeBytes?: number;
    /** RLIMIT_NPROC: only meaningful when every sandbox has its own host uid. */
    processes?: number;
    openFiles: number;
}
export interface LaunchScriptInput {
    command: Command;
    limits: LaunchLimits;
    files: StagedFile[];
}
/** Where every provider mounts the sandbox's workspace. */
export declare const workspaceMountPoint = "/workspace";
/** The fixed environment inside every sandbox: nothing from the host leaks in. */
export declare function sandboxEnvironment(extra?: Record<string, string>): Record<string, string>;
/** Exit status of the launch script when the sandbox could not be set up as asked. */
export declare const launchFailedExitCode = 125;
/** Starts the launch script's message for a staged file whose target exists and is not a regular file. */
export declare const notRegularFileMarker = "hangar: not a regular file: ";
export declare function buildLaunchScript(input: LaunchScriptInput): Buffer;
