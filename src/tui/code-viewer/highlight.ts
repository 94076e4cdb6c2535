import { sanitizeTerminalText } from "../../core/terminal-text.js";

/**
 * A small syntax highlighter for the code viewer: one left-to-right scan per
 * line with a little state carried between lines (an open block comment,
 * string or Markdown fence), so the work is linear in the file's length and
 * no input can make it throw or backtrack. It knows keywords, strings,
 * comments and numbers, not grammar: a regular expression literal in
 * JavaScript or a heredoc in shell shows as ordinary text.
 */
export type HighlightRole =
  "keyword" | "string" | "comment" | "number" | "added" | "removed" | "heading" | "plain";

export interface HighlightSegment {
  text: string;
  role: HighlightRole;
}

export type HighlightedLine = HighlightSegment[];

export type Language = "typescript" | "python" | "json" | "shell" | "markdown" | "diff" | "plain";

const extensions: Record<string, Language> = {
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "typescript",
  jsx: "typescript",
  mjs: "typescript",
  cjs: "typescript",
  py: "python",
  pyi: "python",
  json: "json",
  jsonc: "json",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  md: "markdown",
  markdown: "markdown",
  diff: "diff",
  patch: "diff",
};

/** Names a Markdown fence or a caller may use for a language. */
const languageNames: Record<string, Language> = {
  ...extensions,
  typescript: "typescript",
  javascript: "typescript",
  python: "python",
  shell: "shell",
  console: "shell",
};

/** The language a name ("python", "ts") stands for; plain when unknown. */
export function languageNamed(name: string): Language {
  return languageNames[name.trim().toLowerCase()] ?? "plain";
}

/** The language of a file from its name, or its `#!` line when the name says nothing. */
export function languageOf(path: string, firstLine = ""): Language {
  const name = path.split("/").pop() ?? "";
  const dot = name.lastIndexOf(".");
  const byExtension = dot > 0 ? extensions[name.slice(dot + 1).toLowerCase()] : undefined;
  if (byExtension !== undefined) return byExtension;
  if ([".bashrc", ".profile", ".zshrc", ".bash_profile"].includes(name)) return "shell";
  const command = firstLine.startsWith("#!") ? firstLine.slice(2).trim().split(/\s+/) : [];
  let interpreter = command[0]?.split("/").pop() ?? "";
  if (interpreter === "env") interpreter = command.slice(1).find((word) => !word.startsWith("-")) ?? "";
  if (/^(ba|z|da|k)?sh$/.test(interpreter)) return "shell";
  if (/^python\d*$/.test(interpreter)) return "python";
  if (/^(node|deno|bun)$/.test(interpreter)) return "typescript";
  return "plain";
}

/** The file's text safe to print: escape sequences and other control characters gone, tabs expanded. */
export function screenSafeLines(content: string): string[] {
  return (
    sanitizeTerminalText(content)
      // C1 controls (a terminal may act on them) and the bidirectional overrides
      // that can make code read differently from what it does ("Trojan Source").
      .replace(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g, "")
      .split("\n")
      .map(expandTabs)
  );
}

/** Tabs to the next multiple of 4 columns, as most editors show them. */
function expandTabs(line: string): string {
  if (!line.includes("\t")) return line;
  let out = "";
  for (const character of line) {
    out += character === "\t" ? " ".repeat(4 - (out.length % 4)) : character;
  }
  return out;
}

/** Highlights a whole file; line i of the result is line i of the (sanitised) content. */
export function highlight(content: string, language: Language): HighlightedLine[] {
  const lines = screenSafeLines(content);
  const state: ScanState = { open: undefined, fence: undefined };
  return lines.map((line) => highlightLine(line, language, state));
}

interface ScanState {
  /** The closing delimiter of a comment or string still open at the end of the last line. */
  open: { close: string; role: "comment" | "string" } | undefined;
  /** Inside a Markdown code fence: its marker and the state of the code in it. */
  fence: { marker: string; language: Language; inner: ScanState } | undefined;
}

function highlightLine(line: string, language: Language, state: ScanState): HighlightedLine {
  switch (language) {
    case "markdown":
      return markdownLine(line, state);
    case "diff":
      return whole(line, diffRole(line));
    case "plain":
      return whole(line, "plain");
    default:
      return scanCode(line, grammars[language], state);
  }
}

function diffRole(line: string): HighlightRole {
  if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@")) return "heading";
  if (line.startsWith("+")) return "added";
  if (line.startsWith("-")) return "removed";
  if (/^(diff |index |new file|deleted file|similarity|rename )/.test(line)) return "comment";
  return "plain";
}

function markdownLine(line: string, state: ScanState): HighlightedLine {
  const fenceMatch = /^\s{0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/.exec(line);
  if (state.fence !== undefined) {
    const closing = fenceMatch?.[1] ?? "";
    if (closing[0] === state.fence.marker[0] && closing.length >= state.fence.marker.length) {
      state.fence = undefined;
      return whole(line, "comment");
    }
    const { language, inner } = state.fence;
    return language === "plain" ? whole(line, "string") : highlightLine(line, language, inner);
  }
  if (fenceMatch) {
    state.fence = {
      marker: fenceMatch[1] ?? "```",
      language: languageNamed(fenceMatch[2] ?? ""),
      inner: { open: undefined, fence: undefined },
    };
    return whole(line, "comment");
  }
  if (/^\s{0,3}#{1,6}(\s|$)/.test(line)) return whole(line, "heading");
  if (/^\s{0,3}>/.test(line)) return whole(line, "comment");
  const segments: HighlightedLine = [];
  const marker = /^(\s*)([-*+]|\d{1,9}[.)])(\s+)/.exec(line);
  let start = 0;
  if (marker) {
    push(segments, marker[1] ?? "", "plain");
    push(segments, marker[2] ?? "", "keyword");
    start = marker[0].length - (marker[3]?.length ?? 0);
  }
  // `inline code` as strings; an unclosed backtick is just a backtick.
  let index = start;
  while (index < line.length) {
    const open = line.indexOf("`", index);
    const close = open < 0 ? -1 : line.indexOf("`", open + 1);
    if (close < 0) break;
    push(segments, line.slice(start, open), "plain");
    push(segments, line.slice(open, close + 1), "string");
    start = close + 1;
    index = start;
  }
  push(segments, line.slice(start), "plain");
  return segments;
}

interface Grammar {
  keywords: ReadonlySet<string>;
  lineComment: string | undefined;
  /** A line comment starts only at the start of a word (shell: `a#b` and `$#` are not comments). */
  commentAtWordStart: boolean;
  blockComment: [string, string] | undefined;
  /** Opening quote → whether a string so opened may run on past the end of the line. */
  quotes: ReadonlyArray<{ open: string; close: string; multiline: boolean; escapes: boolean }>;
  identifierStart: RegExp;
}

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/));

const grammars: Record<"typescript" | "python" | "json" | "shell", Grammar> = {
  typescript: {
    keywords: words(
      "abstract as async await break case catch class const continue debugger declare default delete do else enum export extends false finally for from function get if implements import in instanceof interface keyof let new null of private protected public readonly return satisfies set static super switch this throw true try type typeof undefined var void while with yield",
    ),
    lineComment: "//",
    commentAtWordStart: false,
    blockComment: ["/*", "*/"],
    quotes: [
      { open: '"', close: '"', multiline: false, escapes: true },
      { open: "'", close: "'", multiline: false, escapes: true },
      { open: "`", close: "`", multiline: true, escapes: true },
    ],
    identifierStart: /[A-Za-z_$]/,
  },
  python: {
    keywords: words(
      "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda match case nonlocal not or pass raise return self try while with yield",
    ),
    lineComment: "#",
    commentAtWordStart: false,
    blockComment: undefined,
    quotes: [
      { open: '"""', close: '"""', multiline: true, escapes: true },
      { open: "'''", close: "'''", multiline: true, escapes: true },
      { open: '"', close: '"', multiline: false, escapes: true },
      { open: "'", close: "'", multiline: false, escapes: true },
    ],
    identifierStart: /[A-Za-z_]/,
  },
  json: {
    keywords: words("true false null"),
    lineComment: undefined,
    commentAtWordStart: false,
    blockComment: undefined,
    quotes: [{ open: '"', close: '"', multiline: false, escapes: true }],
    identifierStart: /[A-Za-z_]/,
  },
  shell: {
    keywords: words(
      "if then else elif fi for while until do done case esac function in select return local export readonly declare unset set shift exit source time",
    ),
    lineComment: "#",
    commentAtWordStart: true,
    blockComment: undefined,
    quotes: [
      { open: '"', close: '"', multiline: true, escapes: true },
      { open: "'", close: "'", multiline: true, escapes: false },
    ],
    identifierStart: /[A-Za-z_]/,
  },
};

/** A number at the start of the rest of a line: hex, binary, octal, decimals with exponents, a BigInt's n. */
const numberPattern =
  /(?:0[xX][0-9a-fA-F_]+|0[bBoO][0-7_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)[njJlL]?/y;

/** A-Z a-z 0-9 _ $: what continues a word (NaN, before the line's start, is none). */
function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 36
  );
}

const startTables = new WeakMap<Grammar, Uint8Array>();

/** The ASCII characters that may begin a comment, string, number or word in a grammar, as a lookup table. */
function startCharacters(grammar: Grammar): Uint8Array {
  const cached = startTables.get(grammar);
  if (cached !== undefined) return cached;
  const table = new Uint8Array(128);
  const openers = [
    grammar.lineComment,
    grammar.blockComment?.[0],
    ...grammar.quotes.map((quote) => quote.open),
  ];
  for (const opener of openers) if (opener !== undefined) table[opener.charCodeAt(0)] = 1;
  for (let code = 0; code < 128; code += 1) {
    const character = String.fromCharCode(code);
    if (/[\d.]/.test(character) || grammar.identifierStart.test(character)) table[code] = 1;
  }
  startTables.set(grammar, table);
  return table;
}

function scanCode(line: string, grammar: Grammar, state: ScanState): HighlightedLine {
  const segments: HighlightedLine = [];
  let index = 0;
  let plainStart = 0;
  const flushPlain = (end: number) => {
    push(segments, line.slice(plainStart, end), "plain");
  };
  /** Closes what is open from `from`: returns where it ended, or marks it still open past this line. */
  const finishOpen = (
    from: number,
    close: string,
    role: "comment" | "string",
    escapes: boolean,
    multiline: boolean,
  ) => {
    const end = findClose(line, from, close, escapes);
    if (end < 0) {
      push(segments, line.slice(index), role);
      state.open = multiline ? { close, role } : undefined;
      return line.length;
    }
    push(segments, line.slice(index, end), role);
    state.open = undefined;
    return end;
  };
  if (state.open !== undefined) {
    const { close, role } = state.open;
    const quote = grammar.quotes.find((candidate) => candidate.close === close);
    index = finishOpen(0, close, role, quote?.escapes ?? false, true);
    plainStart = index;
  }
  const starts = startCharacters(grammar);
  while (index < line.length) {
    const code = line.charCodeAt(index);
    // Most characters start nothing: step over them without trying each rule.
    if (code >= 128 || starts[code] === 0) {
      index += 1;
      continue;
    }
    const character = line[index] ?? "";
    const previous = index > 0 ? (line[index - 1] ?? "") : "";
    if (
      grammar.lineComment !== undefined &&
      line.startsWith(grammar.lineComment, index) &&
      (!grammar.commentAtWordStart || previous === "" || /\s/.test(previous))
    ) {
      flushPlain(index);
      push(segments, line.slice(index), "comment");
      return segments;
    }
    if (grammar.blockComment !== undefined && line.startsWith(grammar.blockComment[0], index)) {
      flushPlain(index);
      const [open, close] = grammar.blockComment;
      index = finishOpen(index + open.length, close, "comment", false, true);
      plainStart = index;
      continue;
    }
    const quote = grammar.quotes.find((candidate) => line.startsWith(candidate.open, index));
    if (quote !== undefined && !(grammar.commentAtWordStart && previous === "\\")) {
      flushPlain(index);
      index = finishOpen(index + quote.open.length, quote.close, "string", quote.escapes, quote.multiline);
      plainStart = index;
      continue;
    }
    const isAfterWord = isWordCode(line.charCodeAt(index - 1));
    if (!isAfterWord && ((code >= 48 && code <= 57) || code === 46)) {
      numberPattern.lastIndex = index;
      const number = numberPattern.exec(line);
      if (number !== null) {
        flushPlain(index);
        push(segments, number[0], "number");
        index += number[0].length;
        plainStart = index;
        continue;
      }
    }
    if (grammar.identifierStart.test(character) && !isAfterWord) {
      let end = index + 1;
      while (end < line.length && isWordCode(line.charCodeAt(end))) end += 1;
      const word = line.slice(index, end);
      if (grammar.keywords.has(word)) {
        flushPlain(index);
        push(segments, word, "keyword");
        plainStart = end;
      }
      index = end;
      continue;
    }
    index += 1;
  }
  flushPlain(line.length);
  return segments;
}

/** Where `close` ends, searching from `from` (after its end), skipping backslash escapes; -1 when not on this line. */
function findClose(line: string, from: number, close: string, escapes: boolean): number {
  let index = from;
  while (index < line.length) {
    if (escapes && line[index] === "\\") {
      index += 2;
      continue;
    }
    if (line.startsWith(close, index)) return index + close.length;
    index += 1;
  }
  return -1;
}

/** A line of one role; an empty line has no segments. */
function whole(line: string, role: HighlightRole): HighlightedLine {
  return line === "" ? [] : [{ text: line, role }];
}

/** Appends a segment, merging it into the last one when the role is the same. */
function push(segments: HighlightedLine, text: string, role: HighlightRole): void {
  if (text === "") return;
  const last = segments[segments.length - 1];
  if (last !== undefined && last.role === role) last.text += text;
  else segments.push({ text, role });
}
