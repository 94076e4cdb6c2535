import type { ChatItem } from "../view-state.js";

/**
 * The 1-based lines of `content` that this session's edits of `path` added,
 * for the code viewer to mark and jump to: a line counts when its text is one
 * of the `+` lines of a tool call on that path (as the chat keeps them, so an
 * edit whose output was collapsed marks nothing). Blank lines are not marked.
 */
export function changedLines(items: readonly ChatItem[], path: string, content: string): number[] {
  const wanted = normalise(path);
  const added = new Set<string>();
  for (const item of items) {
    if (item.kind !== "tool" || normalise(item.target) !== wanted) continue;
    for (const line of item.diff) if (line.sign === "+" && line.text.trim() !== "") added.add(line.text);
  }
  if (added.size === 0) return [];
  const marked: number[] = [];
  content.split("\n").forEach((line, index) => {
    if (added.has(line)) marked.push(index + 1);
  });
  return marked;
}

/** `./src/a.ts`, `/workspace/src/a.ts` and `src/a.ts` name the same file. */
function normalise(path: string): string {
  return path.replace(/^\/workspace\//, "").replace(/^(\.\/)+/, "");
}
