import { z } from "zod";
import { HangarError } from "../../../core/errors.js";
import { defineTool } from "./define-tool.js";
import { fileCommandTimeoutMs, runSandboxCommand } from "./sandbox-command.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { formatCount, truncateLine } from "./truncate-output.js";
import { workspaceFilePath } from "./workspace-path.js";
/** Larger files are refused: the model should grep them or read slices with bash. */
export const maxReadFileBytes = 4 * 1024 * 1024;
const defaultLineLimit = 2000;
const maxLineChars = 2000;
const inputSchema = z.object({
    path: z.string().min(1).describe("The file to read, relative to the workspace, e.g. `src/index.ts`."),
    offset_line: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("The first line to show, counting from 1. Default: 1."),
    limit_lines: z
        .number()
        .int()
        .min(1)
        .max(10_000)
        .optional()
        .describe(`How many lines to show at most. Default: ${defaultLineLimit}.`),
});
export const readFileTool = defineTool({
    name: "read_file",
    inputSchema,
    kind: () => "read",
    summarize: (input) => `read_file: ${input.path}`,
    async execute(input, context) {
        const path = workspaceFilePath(input.path);
        let data;
        try {
            data = await context.sandbox.readFile(path, maxReadFileBytes);
        }
        catch (error) {
            if (!(error instanceof HangarError) || error.code !== "PAYLOAD_TOO_LARGE")
                throw error;
            return toolError(`${path} is larger than ${formatCount(maxReadFileBytes)} bytes. Search it with grep, or print a slice with bash (e.g. \`sed -n '100,200p' ${path}\`).`);
        }
        if (data === undefined)
            return toolError(await describeUnreadable(context.sandbox, path));
        const text = decodeText(data);
        if (text === undefined) {
            return toolError(`${path} looks binary (${formatCount(data.length)} bytes), so it is not shown. Inspect it with bash (e.g. \`file ${path}\` or \`od -c ${path} | head\`).`);
        }
        return toolSuccess(numberLines(path, text, input, context.maxOutputChars));
    },
});
function numberLines(path, text, input, maxChars) {
    if (text === "")
        return `(${path} is empty)`;
    const lines = text.split("\n");
    if (text.endsWith("\n"))
        lines.pop();
    const first = input.offset_line ?? 1;
    if (first > lines.length) {
        return `(${path} has ${formatCount(lines.length)} lines; offset_line ${first} is past the end)`;
    }
    const last = Math.min(lines.length, first - 1 + (input.limit_lines ?? defaultLineLimit));
    const shown = [];
    let used = 0;
    let lineNumber = first;
    for (; lineNumber <= last; lineNumber += 1) {
        const numbered = `${String(lineNumber).padStart(6)}\t${truncateLine(lines[lineNumber - 1] ?? "", maxLineChars)}`;
        // Stop on a whole line rather than cut in the middle: the model can continue from here.
        if (used + numbered.length + 1 > maxChars && shown.length > 0)
            break;
        shown.push(numbered);
        used += numbered.length + 1;
    }
    const shownLast = lineNumber - 1;
    if (shownLast < lines.length) {
        shown.push(`[showing lines ${first}-${shownLast} of ${formatCount(lines.length)}; continue with offset_line=${shownLast + 1}]`);
    }
    return shown.join("\n");
}
/** UTF-8 text, or undefined for binary data (a NUL byte, or bytes that are not UTF-8). */
export function decodeText(data) {
    if (data.subarray(0, 8192).includes(0))
        return undefined;
    try {
        return new TextDecoder("utf-8", { fatal: true }).decode(data);
    }
    catch {
        return undefined;
    }
}
/** Why a path is not a readable regular file, asked inside the sandbox (no host lookups). */
export async function describeUnreadable(sandbox, path) {
    const outcome = await runSandboxCommand(sandbox, {
        argv: [
            "/bin/sh",
            "-c",
            'if [ -d "$1" ]; then echo directory; elif [ -L "$1" ]; then echo dangling; ' +
                'elif [ -e "$1" ]; then echo special; else echo missing; fi',
            "sh",
            path,
        ],
    }, { timeoutMs: fileCommandTimeoutMs, maxOutputBytes: 1024 });
    switch (outcome.stdout.trim()) {
        case "directory":
            return `${path} is a directory, not a file. List it with list_files (path: "${path}").`;
        case "dangling":
            return `${path} is a symbolic link to something that does not exist in the sandbox.`;
        case "special":
            return `${path} is not a regular file (a device, socket or pipe) and cannot be read.`;
        default:
            return `${path} does not exist. Find the right path with list_files or grep.`;
    }
}
//# sourceMappingURL=read-file.js.map