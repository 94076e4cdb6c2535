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
}

export function treeLines(entries: FileEntry[], touched: string[]): TreeLine[] {
  const touchedPaths = new Set(touched.map(normalizePath));
  return entries
    .map((entry) => ({ entry, segments: normalizePath(entry.path).split("/") }))
    .filter(({ segments }) => segments[0] !== "")
    .sort((left, right) => compareSegments(left.segments, right.segments))
    .map(({ entry, segments }) => ({
      path: segments.join("/"),
      depth: segments.length - 1,
      name: segments.at(-1)!,
      isDirectory: entry.type === "directory",
      isTouched: touchedPaths.has(segments.join("/")),
    }));
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
