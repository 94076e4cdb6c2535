import type { FileEntry } from "../protocol/index.js";

/**
 * The workspace listing as tree lines: parents before their children,
 * siblings by name, each line indented by its depth, and a file the session
 * touched marked. Pure, for the files pane and its tests.
 */
export interface TreeLine {
  path: string;
  depth: number;
  name: string;
  isDirectory: boolean;
  isTouched: boolean;
  /** A directory the user folded: its descendants are left out. */
  isCollapsed: boolean;
}

export function treeLines(
  entries: FileEntry[],
  touched: string[],
  /** Directories (normalised paths) folded in the tree (Enter on a directory). */
  collapsed: ReadonlySet<string> = new Set(),
): TreeLine[] {
  const touchedPaths = new Set(touched.map(normalizePath));
  return entries
    .map((entry) => ({ entry, segments: normalizePath(entry.path).split("/") }))
    .filter(({ segments }) => segments[0] !== "" && !isUnderCollapsed(segments, collapsed))
    .sort((left, right) => compareSegments(left.segments, right.segments))
    .map(({ entry, segments }) => {
      const path = segments.join("/");
      const isDirectory = entry.type === "directory";
      return {
        path,
        depth: segments.length - 1,
        name: segments.at(-1)!,
        isDirectory,
        isTouched: touchedPaths.has(path),
        isCollapsed: isDirectory && collapsed.has(path),
      };
    });
}

function isUnderCollapsed(segments: string[], collapsed: ReadonlySet<string>): boolean {
  if (collapsed.size === 0) return false;
  for (let length = 1; length < segments.length; length += 1) {
    if (collapsed.has(segments.slice(0, length).join("/"))) return true;
  }
  return false;
}

/**
 * The lines the files pane shows and the selection moves over: the tree once
 * the workspace is listed, until then the files touched (oldest first).
 */
export function paneLines(
  workspace: FileEntry[] | undefined,
  touched: string[],
  collapsed?: ReadonlySet<string>,
): TreeLine[] {
  if (workspace !== undefined) return treeLines(workspace, touched, collapsed);
  return touched.map((file) => ({
    path: normalizePath(file),
    depth: 0,
    name: file,
    isDirectory: false,
    isTouched: true,
    isCollapsed: false,
  }));
}

/**
 * The path `delta` lines from the selected one (clamped to the tree), or the
 * first line when nothing is selected or the selected path left the tree.
 */
export function moveTreeSelection(
  lines: TreeLine[],
  selected: string | undefined,
  delta: number,
): string | undefined {
  if (lines.length === 0) return undefined;
  const index = lines.findIndex((line) => line.path === selected);
  if (index === -1) return lines[0]!.path;
  return lines[Math.min(lines.length - 1, Math.max(0, index + delta))]!.path;
}

/** The first line of a window of `rows` lines over `total` that shows `index` (the selection), from `top`. */
export function windowTop(total: number, rows: number, index: number, top = 0): number {
  if (total <= rows || index < 0) return 0;
  const shown = Math.min(Math.max(0, top), total - rows);
  if (index < shown) return index;
  if (index >= shown + rows) return index - rows + 1;
  return shown;
}

/** Tools name files as the model wrote them: `./a.txt`, `/workspace/a.txt` and `a.txt` are one file. */
export function normalizePath(path: string): string {
  return path
    .replace(/^\/workspace\//, "")
    .replace(/^(\.\/)+/, "")
    .replace(/\/+$/, "");
}

function compareSegments(left: string[], right: string[]): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    if (left[index] !== right[index]) return left[index]! < right[index]! ? -1 : 1;
  }
  return left.length - right.length;
}
