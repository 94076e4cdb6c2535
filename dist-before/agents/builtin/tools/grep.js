import { z } from "zod";
import { defineTool } from "./define-tool.js";
import { globToRegExp } from "./glob-pattern.js";
import { commandOutputLimitBytes, describeStop, fileCommandTimeoutMs, runSandboxCommand, } from "./sandbox-command.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { formatCount, truncateLine, truncateOutput } from "./truncate-output.js";
import { workspaceDirectoryPath } from "./workspace-path.js";
export const maxGrepMatches = 500;
const maxMatchLineChars = 300;
const inputSchema = z.object({
    pattern: z.string().min(1).describe("An extended regular expression (grep -E), e.g. `function\\s+main`."),
    path: z
        .string()
        .optional()
        .describe("A file or directory to search, relative to the workspace. Default: the whole workspace."),
    glob: z
        .string()
        .min(1)
        .optional()
        .describe("Only search files matching this glob, e.g. `*.ts` or `src/**/*.py`."),
    ignore_case: z.boolean().optional().describe("Match case-insensitively. Default: false."),
});
export const grepTool = defineTool({
    name: "grep",
    inputSchema,
    kind: () => "read",
    summarize: (input) => `grep: ${input.pattern}${input.path ? ` in ${input.path}` : ""}`,
    async execute(input, context) {
        const path = workspaceDirectoryPath(input.path);
        // A plain file-name glob goes to grep; one with directories or braces (which grep's
        // --include does not understand) is matched here on the full path.
        const isNameGlob = input.glob !== undefined && !/[/{]/.test(input.glob);
        const pathFilter = input.glob !== undefined && !isNameGlob ? globToRegExp(input.glob) : undefined;
        const argv = [
            "/usr/bin/grep",
            "-rnIHsE",
            "--null",
            "--color=never",
            "--exclude-dir=.git",
            "--exclude-dir=node_modules",
            ...(input.ignore_case === true ? ["-i"] : []),
            ...(isNameGlob ? [`--include=${input.glob}`] : []),
            "-e",
            input.pattern,
            "--",
            // Without an operand grep -r searches "." and prints paths without a "./" prefix.
            ...(path === "." ? [] : [path]),
        ];
        const outcome = await runSandboxCommand(context.sandbox, { argv }, { timeoutMs: fileCommandTimeoutMs, maxOutputBytes: commandOutputLimitBytes, signal: context.signal });
        const { exit } = outcome;
        if (exit.reason === "exited" && exit.exitCode === 2 && outcome.stdout === "") {
            const why = outcome.stderr.trim().replace(/^\/usr\/bin\/grep: /gm, "");
            return toolError(why === ""
                ? `${path} does not exist in the workspace or cannot be read.`
                : `grep failed: ${why}. The pattern is an extended regular expression (grep -E); escape special characters like ( [ { with a backslash.`);
        }
        const stop = describeStop(exit, fileCommandTimeoutMs);
        if (stop !== undefined && exit.reason !== "output_limit")
            return toolError(`grep ${stop}`);
        const matches = [];
        let total = 0;
        for (const record of outcome.stdout.split("\n")) {
            const separator = record.indexOf("\0");
            if (separator === -1)
                continue;
            const file = record.slice(0, separator);
            if (pathFilter && !pathFilter.test(file))
                continue;
            total += 1;
            if (matches.length < maxGrepMatches) {
                matches.push(`${file}:${truncateLine(record.slice(separator + 1), maxMatchLineChars)}`);
            }
        }
        if (total === 0)
            return toolSuccess(`No matches for ${input.pattern} in ${path === "." ? "the workspace" : path}.`);
        if (total > maxGrepMatches) {
            matches.push(`[showing the first ${formatCount(maxGrepMatches)} of ${formatCount(total)} matches; narrow the pattern, path or glob]`);
        }
        if (exit.reason === "output_limit")
            matches.push("[the search printed too much and is incomplete; narrow it]");
        return toolSuccess(truncateOutput(matches.join("\n"), context.maxOutputChars));
    },
});
//# sourceMappingURL=grep.js.map