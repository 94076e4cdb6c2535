export function approvalPreview(tool, input, summary, maxLines = 12) {
    if (typeof input !== "object" || input === null)
        return [];
    const fields = input;
    const text = (name) => typeof fields[name] === "string" ? fields[name] : undefined;
    const content = text("content");
    const oldText = text("old_text");
    const newText = text("new_text");
    const command = text("command");
    const code = text("code");
    if (tool === "write_file" && content !== undefined)
        return limited(content, "added", maxLines);
    if (tool === "edit_file" && oldText !== undefined && newText !== undefined) {
        const half = Math.max(1, Math.floor(maxLines / 2));
        return [...limited(oldText, "removed", half), ...limited(newText, "added", half)];
    }
    // A one-line command the summary already shows whole needs no second line.
    if (command !== undefined && (command.includes("\n") || !summary.includes(command))) {
        return limited(command, "command", maxLines);
    }
    if (tool === "run_code" && code !== undefined)
        return limited(code, "added", maxLines);
    return [];
}
function limited(text, kind, maxLines) {
    const lines = text.replace(/\n$/, "").split("\n");
    const shown = lines.slice(0, maxLines).map((line) => ({ kind, text: line }));
    const hidden = lines.length - shown.length;
    return hidden > 0
        ? [...shown, { kind: "note", text: `… ${hidden} more line${hidden === 1 ? "" : "s"}` }]
        : shown;
}
//# sourceMappingURL=approval-preview.js.map