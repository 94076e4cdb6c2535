import type { SessionEventPayloads } from "./session-events.js";

/**
 * A tool call as one compact chat line: what it acts on (a path, a command, a
 * pattern), the files it changes, and for edits the change as +/- lines.
 * Built from the call's input, which comes from a model: every field is
 * checked, nothing trusted to have the shape the tool documents. Here, beside
 * the event schemas, because every front end shows tool calls: the TUI and
 * the chat bridges read the same description.
 */
export interface DiffLine {
  sign: "+" | "-";
  text: string;
}

export interface ToolCallDescription {
  target: string;
  /** Files the call writes, edits, deletes or moves (the tree marks them). */
  files: string[];
  /** The one file the call is about (written, edited or read): Enter on its line opens it. */
  file?: string | undefined;
  diff: DiffLine[];
}

/** Lines of a diff kept per side: enough to see the change, bounded for huge writes. */
const maxDiffLines = 12;
const maxTarget = 200;

export function describeToolCall(data: SessionEventPayloads["tool.start"]): ToolCallDescription {
  const input = isRecord(data.input) ? data.input : {};
  const path = stringField(input, "path") ?? stringField(input, "file_path");
  const locations = (data.locations ?? []).map((location) => location.path);
  switch (data.tool) {
    case "write_file": {
      const content = stringField(input, "content") ?? "";
      return {
        target: oneLine(path ?? ""),
        files: path ? [path] : [],
        file: path,
        diff: sided("+", content),
      };
    }
    case "read_file":
      return { target: oneLine(path ?? ""), files: [], file: path, diff: [] };
    case "edit_file":
      return {
        target: oneLine(path ?? ""),
        files: path ? [path] : [],
        file: path,
        diff: [
          ...sided("-", stringField(input, "old_text") ?? ""),
          ...sided("+", stringField(input, "new_text") ?? ""),
        ],
      };
    case "bash":
      return { target: oneLine(stringField(input, "command") ?? ""), files: [], diff: [] };
    case "grep":
    case "list_files": {
      const pattern = stringField(input, "pattern") ?? "*";
      return { target: oneLine(path ? `${pattern} in ${path}` : pattern), files: [], diff: [] };
    }
    case "run_code":
      return { target: oneLine(stringField(input, "language") ?? ""), files: [], diff: [] };
    case "ask_user":
      return { target: oneLine(stringField(input, "question") ?? ""), files: [], diff: [] };
    default: {
      // An external agent's step: its title says what it does; its kind whether it changes files.
      const changes = data.kind === "edit" || data.kind === "delete" || data.kind === "move";
      const target = data.title ?? path ?? locations[0] ?? stringField(input, "command") ?? "";
      const isAboutAFile = changes || data.kind === "read";
      return {
        target: oneLine(target),
        files: changes ? (locations.length > 0 ? locations : path ? [path] : []) : [],
        file: isAboutAFile ? (locations[0] ?? path) : undefined,
        diff: [],
      };
    }
  }
}

function sided(sign: "+" | "-", text: string): DiffLine[] {
  if (text === "") return [];
  const lines = text.replace(/\n$/, "").split("\n");
  const shown = lines.slice(0, maxDiffLines).map((line) => ({ sign, text: line }));
  if (lines.length > maxDiffLines) shown.push({ sign, text: `… ${lines.length - maxDiffLines} more lines` });
  return shown;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= maxTarget ? line : `${line.slice(0, maxTarget - 1)}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringField(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === "string" ? value : undefined;
}
