import { fenceOpenAfter, openingFence, type Fence } from "./markdown-syntax.js";

/**
 * A long Markdown text as chat messages that each fit the platform's limit.
 * The limit applies to what the platform receives — the rendered part
 * (MarkdownV2 escaping can double a text) — measured as it counts (Telegram:
 * UTF-16 code units). A part is cut from the Markdown with a margin (3,800 of
 * 4,096 by default), rendered and measured, and cut shorter until it fits.
 * Cuts fall after a line, else after a space, else between graphemes (never
 * inside a surrogate pair, 👍🏽 or a ZWJ family); a code block that a cut
 * crosses is closed at the end of the part and reopened, with its language,
 * at the start of the next, so code stays code in both messages.
 */
export interface SplitOptions {
  /** The longest part the platform takes, as `measure` counts the rendered part. */
  readonly limit: number;
  /** Markdown → what the platform receives (e.g. `markdownToTelegram`); by default the Markdown itself. */
  readonly render?: (markdown: string) => string;
  /** How the platform counts a message; by default UTF-16 code units (`length`), as Telegram does. */
  readonly measure?: (text: string) => number;
  /** The share of `limit` a part's Markdown is first cut at, before it is rendered and measured. */
  readonly margin?: number;
}

export interface MarkdownPart {
  /** What to send: `reopened + text.slice(start, end) + closed`. */
  readonly markdown: string;
  /** The range of the original text the part shows. */
  readonly start: number;
  readonly end: number;
  /** The fence line that reopens a code block the previous part cut, or "". */
  readonly reopened: string;
  /** The fence that closes a code block this part cuts, or "". */
  readonly closed: string;
}

/** Telegram's own proportion: 3,800 of its 4,096 characters leaves room for escaping before re-cutting. */
export const defaultMargin = 3800 / 4096;

/** How far before a place the segmenter reads to judge it: longer than any grapheme a chat shows. */
const graphemeContext = 32;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Splits `text` from `from` (a place a previous split cut, or 0) to its end.
 * An empty rest gives no parts. Parts before the last are the same whatever
 * text is appended later, once the text reaches past them, which is what lets
 * a streamed reply edit only its last message.
 */
export function splitMarkdown(text: string, options: SplitOptions, from = 0): MarkdownPart[] {
  const render = options.render ?? ((markdown: string) => markdown);
  const measure = options.measure ?? ((rendered: string) => rendered.length);
  const firstBudget = Math.max(1, Math.floor(options.limit * (options.margin ?? defaultMargin)));
  const parts: MarkdownPart[] = [];
  let position = from;
  while (position < text.length) {
    let budget = firstBudget;
    for (;;) {
      const end = chooseCut(text, position, budget);
      const part = partOf(text, position, end);
      const measured = measure(render(part.markdown));
      const isSmallest = end <= firstBoundaryAfter(text, position);
      if (measured <= options.limit || isSmallest) {
        // The smallest part (one grapheme) is taken even when over the limit: nothing smaller exists.
        parts.push(part);
        position = end;
        break;
      }
      const shown = end - position;
      budget = Math.max(1, Math.min(shown - 1, Math.floor((shown * options.limit) / measured)));
    }
  }
  return parts;
}

/** The original text back from its parts: each part without the fences the split added. */
export function joinParts(parts: readonly MarkdownPart[]): string {
  return parts
    .map((part) => part.markdown.slice(part.reopened.length, part.markdown.length - part.closed.length))
    .join("");
}

function partOf(text: string, start: number, end: number): MarkdownPart {
  const openAtStart = fenceAt(text, start);
  const body = text.slice(start, end);
  const reopened = openAtStart ? `${openAtStart.marker}${openAtStart.language}\n` : "";
  // What the part itself leaves open, as a chat would parse it (a cut inside a long
  // fence line opens a block the original's whole lines do not show yet).
  const openAtEnd = end < text.length ? fenceOpenAfter(reopened + body) : undefined;
  const closed = openAtEnd ? `${body.endsWith("\n") ? "" : "\n"}${openAtEnd.marker}` : "";
  return { markdown: reopened + body + closed, start, end, reopened, closed };
}

/** The code block open at `offset`, judged by the whole lines before it. */
function fenceAt(text: string, offset: number): Fence | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return fenceOpenAfter(text.slice(0, lineStart));
}

/**
 * Where a part starting at `start` ends, showing at most `budget` code units:
 * after the last line break in the budget's second half, else after its last
 * space there, else after any line break or space, else at the last grapheme
 * boundary (or after one grapheme, when a single one is longer than the budget).
 */
function chooseCut(text: string, start: number, budget: number): number {
  const limit = start + budget;
  if (limit >= text.length) return text.length;
  const half = start + Math.floor(budget / 2);
  const lastAfter = (char: string, floor: number): number | undefined => {
    for (let index = limit - 1; index >= floor; index -= 1) {
      if (text[index] === char && isGraphemeBoundary(text, index + 1)) return index + 1;
    }
    return undefined;
  };
  const cut =
    lastAfter("\n", half) ??
    lastAfter(" ", half) ??
    lastAfter("\n", start) ??
    lastAfter(" ", start) ??
    lastBoundaryUpTo(text, start, limit);
  return avoidOpeningFence(text, start, cut);
}

/**
 * A cut right after a fence line would leave an empty code block behind, and one
 * inside it would cut its language: cut before the fence line instead.
 */
function avoidOpeningFence(text: string, start: number, cut: number): number {
  const isAfterLine = text[cut - 1] === "\n";
  const lineStart = text.lastIndexOf("\n", isAfterLine ? cut - 2 : cut - 1) + 1;
  if (lineStart <= start) return cut;
  const lineEnd = text.indexOf("\n", lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const opensHere = fenceAt(text, lineStart) === undefined && openingFence(line) !== undefined;
  return opensHere ? lineStart : cut;
}

/** The last grapheme boundary in (start, limit], or the end of the grapheme at `start` when it is longer. */
function lastBoundaryUpTo(text: string, start: number, limit: number): number {
  for (let boundary = limit; boundary > start; boundary -= 1) {
    if (isGraphemeBoundary(text, boundary)) return boundary;
  }
  return firstBoundaryAfter(text, start);
}

/** The end of the grapheme that starts at `start`. */
function firstBoundaryAfter(text: string, start: number): number {
  let boundary = start + 1;
  while (boundary < text.length && !isGraphemeBoundary(text, boundary)) boundary += 1;
  return Math.min(boundary, text.length);
}

/**
 * Whether a grapheme ends at `index`. Between two ASCII characters it always
 * does (but inside CR LF); elsewhere the segmenter reads a little context
 * before it — the whole text would cost milliseconds per part.
 */
export function isGraphemeBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  if (before < 0x80 && after < 0x80) return !(before === 0x0d && after === 0x0a);
  let from = Math.max(0, index - graphemeContext);
  // Not from the middle of a surrogate pair, nor of a run of flags (regional indicators pair from the run's start).
  if (isLowSurrogate(text.charCodeAt(from))) from -= 1;
  while (from >= 2 && isRegionalIndicator(text, from - 2)) from -= 2;
  const segment = segmenter.segment(text.slice(from, index + graphemeContext)).containing(index - from);
  return segment?.index === index - from;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isRegionalIndicator(text: string, index: number): boolean {
  const point = text.codePointAt(index) ?? 0;
  return point >= 0x1f1e6 && point <= 0x1f1ff;
}
