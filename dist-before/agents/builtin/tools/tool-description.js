import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findSourceAsset } from "../../../core/source-assets.js";
/**
 * The model reads each tool's description from `<tool-name>.md` beside the
 * tool's source. tsc copies no .md files, so from `dist/` they are found in
 * the source tree, through `findSourceAsset` (core/source-assets.ts).
 */
export function toolDescriptionDirectory() {
    const found = findSourceAsset(import.meta.url, "src/agents/builtin/tools", "bash.md");
    return found === undefined ? dirname(fileURLToPath(import.meta.url)) : dirname(found);
}
const descriptions = new Map();
/** The description of one tool; a missing file is a packaging bug, so it throws. */
export function toolDescription(toolName) {
    let description = descriptions.get(toolName);
    if (description === undefined) {
        description = readFileSync(join(toolDescriptionDirectory(), `${toolName}.md`), "utf8").trim();
        descriptions.set(toolName, description);
    }
    return description;
}
//# sourceMappingURL=tool-description.js.map