import { Box, Text, type Key } from "ink";
import { useMemo } from "react";
import { sanitizeTerminalText } from "../../core/terminal-text.js";
import { actionFor, keyBindings, type KeyBindings } from "../key-bindings.js";
import { chromeLook, roleLook, type ColourLevel } from "./colour-theme.js";
import { highlight, languageOf, type HighlightedLine, type Language } from "./highlight.js";

/**
 * A file in the code viewer: a header with its path and the lines shown, then
 * numbered, highlighted lines cut at the pane's edge (never wrapped, so line
 * i of the screen is always one line of the file). Lines an edit changed are
 * marked in the gutter. Scrolling is the caller's state: `scrollTop` in,
 * `viewerKeys` computes the next one, so the pane itself holds nothing.
 */
export interface CodeViewerProps {
  path: string;
  content: string;
  /** Guessed from the path (and a `#!` line) when not given. */
  language?: Language;
  /** Rows in all: one for the header, the rest for code. */
  height: number;
  width: number;
  /** The first line shown, 0-based; clamped to the file. */
  scrollTop: number;
  /** 1-based numbers of the lines an edit changed. */
  markedLines?: readonly number[];
  colourLevel: ColourLevel;
}

/** The rows left for code in a viewer of this height (the header takes one). */
export function codeRows(height: number): number {
  return Math.max(0, height - 1);
}

/** The file's lines as the viewer counts them: a final newline does not start another line. */
export function viewerLines(content: string, language: Language): HighlightedLine[] {
  const lines = highlight(content, language);
  if (lines.length > 1 && content.endsWith("\n")) lines.pop();
  return lines;
}

/** The furthest a file of `total` lines scrolls in `rows` rows: its last line at the bottom. */
export function maxScrollTop(rows: number, total: number): number {
  return Math.max(0, total - rows);
}

/**
 * The scrollTop that shows 1-based `line` a third of the way down the rows
 * (some context above it, more below, where the change goes on), kept
 * within the file.
 */
export function scrollToLine(line: number, rows: number, total: number): number {
  const wanted = line - 1 - Math.floor(rows / 3);
  return Math.min(Math.max(0, wanted), maxScrollTop(rows, total));
}

export interface ViewerPosition {
  scrollTop: number;
  /** Code rows (codeRows(height)). */
  rows: number;
  total: number;
  markedLines?: readonly number[];
}

const defaultBindings = keyBindings();

/**
 * The scrollTop after a key press in the viewer, or undefined when the key is
 * not the viewer's (the caller passes it on). `n` goes to the next marked line
 * whose position is further down than what is shown, round to the first.
 */
export function viewerKeys(
  position: ViewerPosition,
  input: string,
  key: Key,
  bindings: KeyBindings = defaultBindings,
): number | undefined {
  const { rows, total } = position;
  const bottom = maxScrollTop(rows, total);
  const top = Math.min(Math.max(0, position.scrollTop), bottom);
  const page = Math.max(1, rows - 1);
  const clamp = (value: number) => Math.min(Math.max(0, value), bottom);
  switch (actionFor(bindings, "pane", input, key)) {
    case "scroll_up":
      return clamp(top - 1);
    case "scroll_down":
      return clamp(top + 1);
    case "page_up":
      return clamp(top - page);
    case "page_down":
      return clamp(top + page);
    case "scroll_top":
      return 0;
    case "scroll_bottom":
      return bottom;
    case "next_marked_line": {
      const targets = [...new Set(position.markedLines ?? [])]
        .filter((line) => line >= 1 && line <= total)
        .sort((a, b) => a - b)
        .map((line) => scrollToLine(line, rows, total));
      if (targets.length === 0) return top;
      return targets.find((target) => target > top) ?? targets[0];
    }
    default:
      return undefined;
  }
}

/** Columns a character takes: wide East Asian characters and emoji two, combining marks none. */
function cellWidth(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  if (/\p{M}/u.test(character) || code === 0x200b || code === 0x200d || code === 0xfeff) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Whether the line fits in `width` columns; stops counting as soon as it does not. */
function fits(line: HighlightedLine, width: number): boolean {
  let used = 0;
  for (const segment of line) {
    for (const character of segment.text) {
      used += cellWidth(character);
      if (used > width) return false;
    }
  }
  return true;
}

/** The line cut to `width` columns; a line that does not fit ends in "…" so the cut shows. */
export function cutLine(line: HighlightedLine, width: number): HighlightedLine {
  if (width <= 0) return [];
  if (fits(line, width)) return line;
  const room = width - 1;
  const cut: HighlightedLine = [];
  let used = 0;
  for (const segment of line) {
    let text = "";
    for (const character of segment.text) {
      const cells = cellWidth(character);
      if (used + cells > room) break;
      used += cells;
      text += character;
    }
    if (text !== "") cut.push({ text, role: segment.role });
    if (text.length < segment.text.length) break;
  }
  cut.push({ text: "…", role: "plain" });
  return cut;
}

/** "path        lines a–b of n", the path cut from the left when there is no room. */
export function headerText(path: string, first: number, last: number, total: number, width: number): string {
  const range = total === 0 || last < first ? "empty" : `lines ${first}–${last} of ${total}`;
  const room = width - range.length - 2;
  const safePath = sanitizeTerminalText(path).replace(/\n/g, " ");
  const shown =
    room <= 1 ? "" : safePath.length > room ? `…${safePath.slice(safePath.length - room + 1)}` : safePath;
  return `${shown}${" ".repeat(Math.max(1, width - shown.length - range.length))}${range}`.slice(0, width);
}

export function CodeViewer(props: CodeViewerProps) {
  const { path, content, height, width, colourLevel } = props;
  const language =
    props.language ?? languageOf(path, content.slice(0, Math.min(content.length, 256)).split("\n")[0]);
  const lines = useMemo(() => viewerLines(content, language), [content, language]);
  const rows = codeRows(height);
  const total = content === "" ? 0 : lines.length;
  const top = Math.min(Math.max(0, props.scrollTop), maxScrollTop(rows, total));
  const shown = total === 0 ? [] : lines.slice(top, top + rows);
  const digits = String(Math.max(1, total)).length;
  const marked = new Set(props.markedLines ?? []);
  const codeWidth = Math.max(0, width - digits - 2);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate-end" {...chromeLook("header", colourLevel)}>
        {headerText(path, top + 1, top + shown.length, total, width)}
      </Text>
      {shown.map((line, index) => {
        const number = top + index + 1;
        return (
          <Text key={number} wrap="truncate-end">
            <Text {...chromeLook("marker", colourLevel)}>{marked.has(number) ? "▌" : " "}</Text>
            <Text {...chromeLook("gutter", colourLevel)}>{`${String(number).padStart(digits)} `}</Text>
            {cutLine(line, codeWidth).map((segment, part) => (
              <Text key={part} {...roleLook(segment.role, colourLevel)}>
                {segment.text}
              </Text>
            ))}
          </Text>
        );
      })}
    </Box>
  );
}
