import { z } from "zod";
import type { ToolKind } from "./agent-tool.js";
export declare const gitSubcommands: readonly ["status", "diff", "log", "commit", "add", "init"];
export type GitSubcommand = (typeof gitSubcommands)[number];
declare const inputSchema: z.ZodObject<{
    subcommand: z.ZodEnum<{
        status: "status";
        log: "log";
        commit: "commit";
        diff: "diff";
        add: "add";
        init: "init";
    }>;
    args: z.ZodOptional<z.ZodArray<z.ZodString>>;
    message: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type GitInput = z.infer<typeof inputSchema>;
/** Says why an argument is refused, or undefined when it may be passed to git. */
export declare function refusedGitArgument(argument: string): string | undefined;
export declare function gitKind(subcommand: GitSubcommand): ToolKind;
/** GIT_CONFIG_COUNT/KEY_n/VALUE_n for these entries. */
export declare function configEnvironment(entries: Array<[string, string]>): Record<string, string>;
/**
 * A fixed identity and no configuration but the repository's own, with every
 * command-running key off: nothing of the host's, and the same result on every
 * provider. safe.directory is set because the workspace may belong to another
 * uid than the sandbox user.
 */
export declare const gitEnvironment: Record<string, string>;
/**
 * Per-repository overrides for keys named after a driver: a clean, smudge or
 * process filter runs on `status`, `add` and `diff`, a merge driver on merges.
 * An empty command is no command to git. `names` is `git config --name-only --list`.
 */
export declare function driverOverrides(names: string[]): Array<[string, string]>;
/** The argv after `git`, or the reason the request is refused. */
export declare function gitArguments(input: GitInput): string[] | {
    refused: string;
};
export declare const gitTool: import("./agent-tool.js").AgentTool<unknown>;
export {};
