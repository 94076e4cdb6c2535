import { z } from "zod";
import { HangarError } from "../../../core/errors.js";
import { defineTool } from "./define-tool.js";
import { decodeText, describeUnreadable, maxReadFileBytes } from "./read-file.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { formatCount } from "./truncate-output.js";
import { workspaceFilePath } from "./workspace-path.js";
const inputSchema = z.object({
    path: z.string().min(1).describe("The file to edit, relative to the workspace."),
    old_text: z
        .string()
        .min(1)
        .describe("The exact text to replace, including whitespace and indentation, as read_file shows it."),
    new_text: z.string().describe("The text to put in its place."),
    replace_all: z
        .boolean()
        .optional()
        .describe("Replace every occurrence; otherwise old_text must occur exactly once. Default: false."),
});
export const editFileTool = defineTool({
    name: "edit_file",
    inputSchema,
    kind: () => "write",
    summarize: (input) => `edit_file: ${input.path}${input.replace_all === true ? " (all occurrences)" : ""}`,
    async execute(input, context) {
        const path = workspaceFilePath(input.path);
        if (input.old_text === input.new_text) {
            return toolError("old_text and new_text are the same, so there is nothing to change.");
        }
        let data;
        try {
            data = await context.sandbox.readFile(path, maxReadFileBytes);
        }
        catch (error) {
            if (!(error instanceof HangarError) || error.code !== "PAYLOAD_TOO_LARGE")
                throw error;
            return toolError(`${path} is too large to edit here; change it with bash (e.g. sed) instead.`);
        }
        if (data === undefined)
            return toolError(await describeUnreadable(context.sandbox, path));
        const text = decodeText(data);
        if (text === undefined)
            return toolError(`${path} looks binary; edit_file changes text files only.`);
        const positions = occurrences(text, input.old_text);
        if (positions.length === 0) {
            return toolError(`old_text was not found in ${path}. It must match exactly, including whitespace, indentation and line breaks; read the file again with read_file and copy the text from it.`);
        }
        const lines = linesOf(text, positions);
        if (positions.length > 1 && input.replace_all !== true) {
            return toolError(`old_text occurs ${positions.length} times in ${path} (at lines ${listLines(lines)}). Add surrounding lines to old_text so it matches exactly one place, or set replace_all to true to change them all.`);
        }
        const edited = replaceAt(text, positions, input.old_text, input.new_text);
        await context.sandbox.writeFile(path, edited);
        const count = positions.length === 1 ? "1 occurrence" : `${positions.length} occurrences`;
        return toolSuccess(`Replaced ${count} in ${path} (at ${lines.length === 1 ? "line" : "lines"} ${listLines(lines)}).`);
    },
});
/** Start offsets of non-overlapping occurrences, left to right (as a replacement sees them). */
export function occurrences(text, search) {
    const positions = [];
    for (let index = text.indexOf(search); index !== -1; index = text.indexOf(search, index + search.length)) {
        positions.push(index);
    }
    return positions;
}
/** Literal replacement: no `$&`-style patterns, which String.replace would interpret. */
function replaceAt(text, positions, search, replacement) {
    const pieces = [];
    let start = 0;
    for (const position of positions) {
        pieces.push(text.slice(start, position), replacement);
        start = position + search.length;
    }
    pieces.push(text.slice(start));
    return pieces.join("");
}
/** Line numbers of ascending offsets, in one pass over the text. */
function linesOf(text, positions) {
    const lines = [];
    let line = 1;
    let scanned = 0;
    for (const position of positions) {
        for (let index = text.indexOf("\n", scanned); index !== -1 && index < position; index = text.indexOf("\n", index + 1)) {
            line += 1;
            scanned = index + 1;
        }
        lines.push(line);
    }
    return lines;
}
function listLines(lines) {
    const shown = lines.slice(0, 10).join(", ");
    return lines.length > 10 ? `${shown} and ${formatCount(lines.length - 10)} more` : shown;
}
//# sourceMappingURL=edit-file.js.map