import { z } from "zod";
import { defineTool } from "./define-tool.js";
import { globToRegExp } from "./glob-pattern.js";
import { commandOutputLimitBytes, describeStop, fileCommandTimeoutMs, runSandboxCommand, } from "./sandbox-command.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { formatCount, truncateOutput } from "./truncate-output.js";
import { workspaceDirectoryPath } from "./workspace-path.js";
export const maxListedFiles = 1000;
const inputSchema = z.object({
    pattern: z
        .string()
        .min(1)
        .optional()
        .describe("A glob such as `src/**/*.ts` or `*.{js,mjs}`; without `/` it matches file names at any depth. Default: every file."),
    path: z
        .string()
        .optional()
        .describe("The directory to list, relative to the workspace. Default: the whole workspace."),
});
/**
 * `find` runs inside the sandbox, so the listing is the sandbox's own view:
 * it never reads the host's filesystem and does not descend into symlinks.
 */
const findScript = '[ -d "$1" ] || exit 3; cd -- "$1" || exit 3; exec find . \\( -name .git -o -name node_modules \\) -prune ' +
    "-o \\( -type f -o -type l \\) -printf '%P\\0'";
export const listFilesTool = defineTool({
    name: "list_files",
    inputSchema,
    kind: () => "read",
    summarize: (input) => `list_files: ${input.pattern ?? "*"}${input.path ? ` in ${input.path}` : ""}`,
    async execute(input, context) {
        const directory = workspaceDirectoryPath(input.path);
        const outcome = await runSandboxCommand(context.sandbox, { argv: ["/bin/sh", "-c", findScript, "sh", directory] }, { timeoutMs: fileCommandTimeoutMs, maxOutputBytes: commandOutputLimitBytes, signal: context.signal });
        if (outcome.exit.reason === "exited" && outcome.exit.exitCode === 3) {
            return toolError(`${directory} is not a directory in the workspace. Omit path to list the whole workspace.`);
        }
        const stop = describeStop(outcome.exit, fileCommandTimeoutMs);
        if (stop !== undefined && outcome.exit.reason !== "output_limit")
            return toolError(`list_files ${stop}`);
        const prefix = directory === "." ? "" : `${directory}/`;
        const matcher = input.pattern === undefined ? undefined : globToRegExp(input.pattern);
        const files = outcome.stdout
            .split("\0")
            .filter((name) => name !== "")
            .map((name) => ({ name, path: `${prefix}${name}` }))
            // The pattern may be written relative to `path` or to the workspace; either matches.
            .filter((file) => !matcher || matcher.test(file.name) || matcher.test(file.path))
            .map((file) => file.path)
            .sort();
        const where = directory === "." ? "the workspace" : directory;
        const what = input.pattern === undefined ? "files" : `files matching ${input.pattern}`;
        if (files.length === 0)
            return toolSuccess(`No ${what} in ${where} (.git and node_modules are skipped).`);
        const lines = files.slice(0, maxListedFiles);
        if (files.length > maxListedFiles) {
            lines.push(`[showing the first ${formatCount(maxListedFiles)} of ${formatCount(files.length)} ${what}; narrow the pattern or path]`);
        }
        if (outcome.exit.reason === "output_limit") {
            lines.push("[the listing was too long and is incomplete; narrow the pattern or path]");
        }
        return toolSuccess(truncateOutput(lines.join("\n"), context.maxOutputChars));
    },
});
//# sourceMappingURL=list-files.js.map