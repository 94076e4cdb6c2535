// The agent's fs/read_text_file and fs/write_text_file, served inside the sandbox.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { insideWorkspace } from "./workspace-paths.js";
export async function readTextFile(workspace, request) {
    const text = await readFile(insideWorkspace(workspace, request.path), "utf8");
    if (request.line == null && request.limit == null)
        return { content: text };
    // ACP lines are 1-based.
    const lines = text.split("\n");
    const start = Math.max((request.line ?? 1) - 1, 0);
    const end = request.limit == null ? lines.length : start + request.limit;
    return { content: lines.slice(start, end).join("\n") };
}
export async function writeTextFile(workspace, request) {
    const path = insideWorkspace(workspace, request.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, request.content, "utf8");
}
//# sourceMappingURL=workspace-files.js.map