import { sanitizeTerminalText } from "../core/terminal-text.js";
import { markdownLines, wrapLine, type StyledLine } from "./markdown.js";
import type { ChatItem, ViewState } from "./view-state.js";

/** What the user did to the chat's tool lines (chat focused): the one selected, those expanded. */
export interface ChatView {
  selectedToolId?: string | undefined;
  expandedToolIds?: ReadonlySet<string>;
}

/**
 * The chat as the screen lines that fit: items rendered to styled lines,
 * wrapped to the pane's width, newest at the bottom. Only the items that can
 * still be seen are rendered (walking back from the newest), so a long
 * session costs no more per frame than a short one.
 */
export function visibleChatLines(
  state: ViewState,
  width: number,
  height: number,
  /** Lines scrolled back from the newest (PgUp); clamped to what there is. */
  scrolledBack = 0,
  view: ChatView = {},
): StyledLine[] {
  const lines: StyledLine[] = [];
  const wanted = height + Math.max(0, scrolledBack);
  for (let index = state.items.length - 1; index >= 0 && lines.length < wanted; index -= 1) {
    const item = state.items[index]!;
    const wrapped = itemLines(item, view).flatMap((line) => wrapLine(line, width));
    // A gap between turns reads like a conversation.
    if (item.kind === "prompt" && index > 0) wrapped.unshift([]);
    lines.unshift(...wrapped);
  }
  if (lines.length === 0)
    lines.push([{ text: "Type a prompt and press Enter. /help lists the keys.", style: "dim" }]);
  const back = effectiveScroll(lines.length, height, scrolledBack);
  return lines.slice(Math.max(0, lines.length - height - back), lines.length - back);
}

/** How far back the chat can really be scrolled: not past its first line. */
export function effectiveScroll(available: number, height: number, scrolledBack: number): number {
  return Math.min(Math.max(0, scrolledBack), Math.max(0, available - height));
}

/** The scroll `visibleChatLines` would show: the wanted one, clamped to the lines there are. */
export function clampScroll(
  state: ViewState,
  width: number,
  height: number,
  scrolledBack: number,
  view: ChatView = {},
): number {
  if (scrolledBack <= 0) return 0;
  let available = 0;
  for (let index = state.items.length - 1; index >= 0 && available < height + scrolledBack; index -= 1) {
    available += screenLineCount(state, index, width, view);
  }
  return effectiveScroll(available, height, scrolledBack);
}

/**
 * The scroll that brings an item's first line on screen, moving as little as
 * possible from `scrolledBack` (so ↑/↓ over tool lines pages only when the
 * selection would leave the pane).
 */
export function scrollToItem(
  state: ViewState,
  width: number,
  height: number,
  scrolledBack: number,
  itemId: string,
  view: ChatView = {},
): number {
  let below = 0;
  for (let index = state.items.length - 1; index >= 0; index -= 1) {
    const item = state.items[index]!;
    if (item.id === itemId) {
      // The item's first line, counted from the newest line up (0 is the bottom line).
      const first = below + itemLines(item, view).flatMap((line) => wrapLine(line, width)).length - 1;
      return Math.min(first, Math.max(first - height + 1, scrolledBack));
    }
    below += screenLineCount(state, index, width, view);
  }
  return scrolledBack;
}

function screenLineCount(state: ViewState, index: number, width: number, view: ChatView): number {
  const item = state.items[index]!;
  return (
    itemLines(item, view).flatMap((line) => wrapLine(line, width)).length +
    (item.kind === "prompt" && index > 0 ? 1 : 0)
  );
}

const toolMarks = { running: "⋯", waiting: "?", succeeded: "✓", failed: "✗", denied: "⊘" } as const;
const toolStyles = {
  running: "tool",
  waiting: "warning",
  succeeded: "success",
  failed: "error",
  denied: "warning",
} as const;
/** Output lines shown under a tool line that kept its output. */
const outputLines = 4;
/** Output lines shown under a tool line the user expanded (the reducer keeps no more for old calls). */
export const expandedOutputLines = 20;

export function itemLines(item: ChatItem, view: ChatView = {}): StyledLine[] {
  switch (item.kind) {
    case "prompt":
      return sanitizeTerminalText(item.text)
        .split("\n")
        .map((line, index) => [{ text: `${index === 0 ? "› " : "  "}${line}`, style: "prompt" }]);
    case "assistant":
      return markdownLines(item.text);
    case "reasoning":
      return [[{ text: `▸ thought (${item.characters} characters)`, style: "dim" }]];
    case "tool":
      return toolLines(item, item.id === view.selectedToolId, view.expandedToolIds?.has(item.id) === true);
    case "notice":
      return [
        [
          {
            text: `• ${sanitizeTerminalText(item.text).replace(/\n/g, " ")}`,
            style: item.tone === "info" ? "dim" : item.tone,
          },
        ],
      ];
  }
}

/**
 * A tool call: its compact line, then (for the newest calls) the diff or the
 * output's last lines; expanded by the user, the diff and the output's first
 * lines whatever its age; collapsed (an old call), the line alone. The selected
 * line is marked » and drawn inverse.
 */
function toolLines(
  item: Extract<ChatItem, { kind: "tool" }>,
  isSelected: boolean,
  isExpanded: boolean,
): StyledLine[] {
  const duration = item.durationMs === undefined ? "" : ` ${formatDuration(item.durationMs)}`;
  const target = sanitizeTerminalText(item.target);
  const head: StyledLine = [
    ...(isSelected ? [{ text: "» ", style: "selected" as const }] : []),
    { text: `${toolMarks[item.status]} `, style: isSelected ? "selected" : toolStyles[item.status] },
    { text: item.tool, style: isSelected ? "selected" : "bold" },
    { text: target === "" ? "" : ` ${target}`, style: isSelected ? "selected" : "plain" },
    { text: duration + (item.status === "waiting" ? " waiting for approval" : ""), style: "dim" },
  ];
  if (isExpanded) return [head, ...diffLines(item), ...expandedOutput(item.output)];
  if (item.isOutputCollapsed) return [head];
  return [head, ...diffLines(item), ...recentOutput(item)];
}

function diffLines(item: Extract<ChatItem, { kind: "tool" }>): StyledLine[] {
  return item.diff.map((line) => [
    {
      text: `  ${line.sign} ${sanitizeTerminalText(line.text)}`,
      style: line.sign === "+" ? "added" : "removed",
    },
  ]);
}

function expandedOutput(text: string): StyledLine[] {
  const output = sanitizeTerminalText(text).replace(/\n$/, "");
  if (output === "") return [[{ text: "  (no output)", style: "dim" }]];
  const lines = output.split("\n");
  const shown: StyledLine[] = lines
    .slice(0, expandedOutputLines)
    .map((line) => [{ text: `  │ ${line}`, style: "dim" }]);
  if (lines.length > expandedOutputLines)
    shown.push([{ text: `  │ … ${lines.length - expandedOutputLines} more lines`, style: "dim" }]);
  return shown;
}

function recentOutput(item: Extract<ChatItem, { kind: "tool" }>): StyledLine[] {
  const output = sanitizeTerminalText(item.output).replace(/\n$/, "");
  if (item.diff.length > 0 || output === "") return [];
  return output
    .split("\n")
    .slice(-outputLines)
    .map((line) => [{ text: `  ${line}`, style: "dim" }]);
}

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)}s`;
  return `${Math.floor(milliseconds / 60_000)}m${Math.round((milliseconds % 60_000) / 1000)}s`;
}

/** Plain text of styled lines (tests, and the width checks). */
export function plainText(lines: StyledLine[]): string {
  return lines.map((line) => line.map((segment) => segment.text).join("")).join("\n");
}
