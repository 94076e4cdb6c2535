import { describeToolCall } from "../../protocol/tool-summary.js";
import type { SessionEventPayloads } from "../../protocol/session-events.js";
import { codeSpan, escapeMarkdown } from "./markdown-syntax.js";

/**
 * A tool call as one compact Markdown line in a chat reply, never its output:
 * an icon for what kind of step it is, the tool, what it acts on (a path, a
 * command cut short), and once it ends ✓ or ✗ failed with how long it took.
 * `▶️ bash `npm test` ✓ 2.4s`. The same call gives a line at `tool.start`
 * (running) and one at `tool.end`, so a bridge can replace the first with the second.
 */
export function toolLine(
  start: SessionEventPayloads["tool.start"],
  end?: SessionEventPayloads["tool.end"],
): string {
  const target = shortenTarget(describeToolCall(start).target);
  const words = [iconOf(start), escapeMarkdown(start.tool)];
  if (target !== "") words.push(codeSpan(target));
  if (end === undefined) words.push("…");
  else words.push(end.is_error ? "✗ failed" : "✓", formatToolDuration(end.duration_ms));
  return words.join(" ");
}

const iconsByKind: Readonly<Record<string, string>> = {
  read: "📖",
  edit: "✏️",
  delete: "🗑️",
  move: "📦",
  search: "🔍",
  execute: "▶️",
  think: "💭",
  fetch: "🌐",
};

/** The builtin tools, by the kind an external agent would give them. */
const kindsByTool: Readonly<Record<string, string>> = {
  read_file: "read",
  write_file: "edit",
  edit_file: "edit",
  bash: "execute",
  run_code: "execute",
  grep: "search",
  list_files: "search",
};

function iconOf(start: SessionEventPayloads["tool.start"]): string {
  if (start.tool === "ask_user") return "❓";
  const kind = kindsByTool[start.tool] ?? start.kind ?? "";
  return iconsByKind[kind] ?? "🔧";
}

/** A target is cut to this many characters: enough to recognise, short enough for a phone. */
export const maxTargetLength = 60;

/** A path keeps its end (the file name); anything else (a command) its start. */
export function shortenTarget(target: string): string {
  const characters = [...target];
  if (characters.length <= maxTargetLength) return target;
  const isPath = !/\s/.test(target) && target.includes("/");
  return isPath
    ? `…${characters.slice(-(maxTargetLength - 1)).join("")}`
    : `${characters.slice(0, maxTargetLength - 1).join("")}…`;
}

/** 350ms, 2.4s, 1m05s: a tool's time, to the precision a reader cares about. */
export function formatToolDuration(milliseconds: number): string {
  const rounded = Math.max(0, Math.round(milliseconds));
  if (rounded < 1000) return `${rounded}ms`;
  const tenths = Math.round(rounded / 100) / 10;
  if (tenths < 60) return `${tenths.toFixed(1)}s`;
  const seconds = Math.round(rounded / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}
