import { sanitizeTerminalText } from "../core/terminal-text.js";
import { highlight, languageNamed, type HighlightRole } from "./code-viewer/highlight.js";

/**
 * The assistant's Markdown as styled terminal lines, simply: headings,
 * **bold**, `inline code`, fenced code blocks and lists. Anything else shows
 * as the text it is. Pure, so the chat pane and its tests share it.
 */
export type SegmentStyle =
  /** The selected tool line (chat focused). */
  | "selected"
  | "plain"
  | "bold"
  | "heading"
  | "code"
  /** Highlighted code in a fenced block (the code viewer's roles, in the chat's colours). */
  | "code-keyword"
  | "code-string"
  | "code-comment"
  | "code-number"
  | "dim"
  | "added"
  | "removed"
  | "prompt"
  | "tool"
  | "success"
  | "warning"
  | "error";

export interface Segment {
  text: string;
  style: SegmentStyle;
}

export type StyledLine = Segment[];

export function markdownLines(markdown: string): StyledLine[] {
  const lines: StyledLine[] = [];
  /** The open fenced block: its language and lines so far (highlighted together, as strings and comments span lines). */
  let code: { language: string; lines: string[] } | undefined;
  for (const raw of sanitizeTerminalText(markdown).split("\n")) {
    const line = raw.replace(/\t/g, "  ");
    if (/^\s*```/.test(line)) {
      if (code !== undefined) {
        lines.push(...codeLines(code.language, code.lines));
        code = undefined;
        continue;
      }
      // The fence itself says nothing a reader needs but where code starts and stops.
      const language = line.replace(/^\s*```/, "").trim();
      if (language !== "") lines.push([{ text: `  ${language}`, style: "dim" }]);
      code = { language, lines: [] };
      continue;
    }
    if (code !== undefined) {
      code.lines.push(line);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      lines.push([{ text: heading[2] ?? "", style: "heading" }]);
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      lines.push([{ text: `${bullet[1] ?? ""}• `, style: "plain" }, ...inline(bullet[2] ?? "")]);
      continue;
    }
    lines.push(inline(line));
  }
  // A block still streaming in shows highlighted as far as it goes.
  if (code !== undefined) lines.push(...codeLines(code.language, code.lines));
  return lines;
}

const codeStyles: Record<HighlightRole, SegmentStyle> = {
  keyword: "code-keyword",
  string: "code-string",
  comment: "code-comment",
  number: "code-number",
  added: "added",
  removed: "removed",
  heading: "heading",
  plain: "code",
};

function codeLines(language: string, code: string[]): StyledLine[] {
  if (code.length === 0) return [];
  return highlight(code.join("\n"), languageNamed(language)).map((segments) => [
    { text: "  ", style: "code" },
    ...segments.map((segment) => ({ text: segment.text, style: codeStyles[segment.role] })),
  ]);
}

/** `**bold**` and `` `code` `` within a line; unmatched markers stay as typed. */
export function inline(text: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /\*\*([^*]+)\*\*|`([^`]+)`/g;
  let last = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), style: "plain" });
    if (match[1] !== undefined) segments.push({ text: match[1], style: "bold" });
    else segments.push({ text: match[2] ?? "", style: "code" });
    last = match.index + match[0].length;
  }
  if (last < text.length || segments.length === 0) segments.push({ text: text.slice(last), style: "plain" });
  return segments;
}

/** Breaks a styled line into lines of at most `width` characters, at spaces where it can. */
export function wrapLine(line: StyledLine, width: number): StyledLine[] {
  const limit = Math.max(1, width);
  const result: StyledLine[] = [];
  let current: Segment[] = [];
  let used = 0;
  for (const segment of line) {
    let rest = segment.text;
    while (used + rest.length > limit) {
      const room = limit - used;
      const space = rest.lastIndexOf(" ", room);
      // Break at a space when one is in reach and the line is not empty-handed; else cut.
      const cut = space > 0 ? space : used > 0 && rest.length <= limit ? 0 : room;
      if (cut > 0) current.push({ text: rest.slice(0, cut), style: segment.style });
      result.push(current);
      current = [];
      used = 0;
      rest = cut > 0 && rest[cut] === " " ? rest.slice(cut + 1) : rest.slice(cut);
    }
    if (rest !== "") {
      current.push({ text: rest, style: segment.style });
      used += rest.length;
    }
  }
  result.push(current);
  return result;
}
