import { sanitizeTerminalText } from "../core/terminal-text.js";
import { markdownLines, wrapLine, type StyledLine } from "./markdown.js";
import type { ChatItem, ViewState } from "./view-state.js";

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
): StyledLine[] {
  const lines: StyledLine[] = [];
  const wanted = height + Math.max(0, scrolledBack);
  for (let index = state.items.length - 1; index >= 0 && lines.length < wanted; index -= 1) {
    const item = state.items[index]!;
    const wrapped = itemLines(item).flatMap((line) => wrapLine(line, width));
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
export function clampScroll(state: ViewState, width: number, height: number, scrolledBack: number): number {
  if (scrolledBack <= 0) return 0;
  let available = 0;
  for (let index = state.items.length - 1; index >= 0 && available < height + scrolledBack; index -= 1) {
    const item = state.items[index]!;
    available +=
      itemLines(item).flatMap((line) => wrapLine(line, width)).length +
      (item.kind === "prompt" && index > 0 ? 1 : 0);
  }
  return effectiveScroll(available, height, scrolledBack);
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

export function itemLines(item: ChatItem): StyledLine[] {
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
      return toolLines(item);
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

function toolLines(item: Extract<ChatItem, { kind: "tool" }>): StyledLine[] {
  const duration = item.durationMs === undefined ? "" : ` ${formatDuration(item.durationMs)}`;
  const target = sanitizeTerminalText(item.target);
  const head: StyledLine = [
    { text: `${toolMarks[item.status]} `, style: toolStyles[item.status] },
    { text: item.tool, style: "bold" },
    { text: target === "" ? "" : ` ${target}`, style: "plain" },
    { text: duration + (item.status === "waiting" ? " waiting for approval" : ""), style: "dim" },
  ];
  const diff: StyledLine[] = item.diff.map((line) => [
    {
      text: `  ${line.sign} ${sanitizeTerminalText(line.text)}`,
      style: line.sign === "+" ? "added" : "removed",
    },
  ]);
  const output = sanitizeTerminalText(item.output).replace(/\n$/, "");
  const shown: StyledLine[] =
    item.diff.length > 0 || output === ""
      ? []
      : output
          .split("\n")
          .slice(-outputLines)
          .map((line) => [{ text: `  ${line}`, style: "dim" }]);
  return [head, ...diff, ...shown];
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
