/**
 * The Markdown an agent writes, parsed into the small tree both chat renderers
 * (Telegram MarkdownV2, Slack mrkdwn) walk: fenced code blocks, headings and
 * other lines; within a line code spans, links, bold, italic and strikethrough.
 * Inline formatting never crosses a line, so a message split on a line keeps
 * its formatting whole. A marker that finds no partner stays text: the
 * renderers then escape it, so odd input still gives text the platform takes.
 */

export type InlineNode =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "bold" | "italic" | "strike"; readonly children: readonly InlineNode[] }
  | { readonly kind: "link"; readonly children: readonly InlineNode[]; readonly url: string };

export type Block =
  | { readonly kind: "code"; readonly language: string; readonly text: string }
  | { readonly kind: "heading"; readonly children: readonly InlineNode[] }
  | { readonly kind: "line"; readonly children: readonly InlineNode[] };

/** A code fence: its character and length (a fence closes only with a run as long, of the same character). */
export interface Fence {
  readonly marker: string;
  readonly language: string;
}

const fencePattern = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fence a line opens, when it is an opening fence line. */
export function openingFence(line: string): Fence | undefined {
  const match = fencePattern.exec(line);
  if (!match) return undefined;
  const marker = match[1] ?? "```";
  const info = (match[2] ?? "").trim();
  // CommonMark: a backtick fence's info string may not contain a backtick.
  if (marker.startsWith("`") && info.includes("`")) return undefined;
  return { marker, language: info.split(/\s+/)[0] ?? "" };
}

/** Whether `line` closes a block opened by `fence`. */
export function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  const run = match?.[1];
  return run !== undefined && run[0] === fence.marker[0] && run.length >= fence.marker.length;
}

/** The fence still open after `text` (its lines scanned from the start), if any. */
export function fenceOpenAfter(text: string): Fence | undefined {
  let open: Fence | undefined;
  for (const line of text.split("\n")) {
    if (open) {
      if (closesFence(line, open)) open = undefined;
    } else {
      open = openingFence(line);
    }
  }
  return open;
}

export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    const fence = openingFence(line);
    if (fence) {
      const code: string[] = [];
      index += 1;
      // An unclosed fence runs to the end, as CommonMark says (and as a message cut mid-block shows).
      while (index < lines.length && !closesFence(lines[index] ?? "", fence)) {
        code.push(lines[index] ?? "");
        index += 1;
      }
      blocks.push({ kind: "code", language: fence.language, text: code.join("\n") });
      continue;
    }
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", children: parseInline(heading[1] ?? "") });
      continue;
    }
    blocks.push({ kind: "line", children: parseInline(line) });
  }
  return blocks;
}

type Atom =
  | { readonly kind: "char"; readonly text: string }
  | { readonly kind: "node"; readonly node: InlineNode }
  | {
      readonly kind: "delimiter";
      readonly marker: "**" | "__" | "*" | "_" | "~~";
      readonly canOpen: boolean;
      readonly canClose: boolean;
    };

const styleOf = { "**": "bold", __: "bold", "*": "italic", _: "italic", "~~": "strike" } as const;

/** A line's inline formatting. Links inside link text stay text (the platforms cannot nest them). */
export function parseInline(text: string, allowLinks = true): InlineNode[] {
  return resolveEmphasis(atomize(text, allowLinks));
}

function atomize(text: string, allowLinks: boolean): Atom[] {
  const atoms: Atom[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? "";
    if (char === "\\" && index + 1 < text.length && isPunctuation(text[index + 1] ?? "")) {
      // A backslash escape: the next character is literal.
      atoms.push({ kind: "char", text: text[index + 1] ?? "" });
      index += 2;
      continue;
    }
    if (char === "`") {
      const span = codeSpanAt(text, index);
      if (span) {
        atoms.push({ kind: "node", node: { kind: "code", text: span.text } });
        index = span.end;
        continue;
      }
      // An unmatched run of backticks is literal, the whole run.
      const run = /^`+/.exec(text.slice(index))?.[0] ?? "`";
      atoms.push({ kind: "char", text: run });
      index += run.length;
      continue;
    }
    if (char === "[" && allowLinks) {
      const link = linkAt(text, index);
      if (link) {
        atoms.push({
          kind: "node",
          node: { kind: "link", url: link.url, children: parseInline(link.label, false) },
        });
        index = link.end;
        continue;
      }
    }
    const marker = delimiterAt(text, index);
    if (marker) {
      const before = text[index - 1] ?? " ";
      const after = text[index + marker.length] ?? " ";
      const intraword = marker.startsWith("_");
      atoms.push({
        kind: "delimiter",
        marker,
        // Flanking, simply: an opener is followed by a non-space, a closer follows one;
        // `_` inside a word (snake_case) neither opens nor closes.
        canOpen: !/\s/.test(after) && !(intraword && isWordCharacter(before)),
        canClose: !/\s/.test(before) && !(intraword && isWordCharacter(after)),
      });
      index += marker.length;
      continue;
    }
    atoms.push({ kind: "char", text: char });
    index += 1;
  }
  return atoms;
}

function delimiterAt(text: string, index: number): "**" | "__" | "*" | "_" | "~~" | undefined {
  const pair = text.slice(index, index + 2);
  if (pair === "**" || pair === "__" || pair === "~~") return pair;
  const char = text[index];
  if (char === "*" || char === "_") return char;
  return undefined;
}

/** Each opener takes the first later closer of its kind; what lies between is parsed the same way. */
function resolveEmphasis(atoms: readonly Atom[]): InlineNode[] {
  const nodes: InlineNode[] = [];
  const pushText = (text: string) => {
    const last = nodes[nodes.length - 1];
    if (last?.kind === "text") nodes[nodes.length - 1] = { kind: "text", text: last.text + text };
    else nodes.push({ kind: "text", text });
  };
  for (let index = 0; index < atoms.length; index += 1) {
    const atom = atoms[index];
    if (atom === undefined) continue;
    if (atom.kind === "char") {
      pushText(atom.text);
      continue;
    }
    if (atom.kind === "node") {
      nodes.push(atom.node);
      continue;
    }
    const closer = atom.canOpen ? findCloser(atoms, index, atom.marker) : -1;
    if (closer < 0) {
      pushText(atom.marker);
      continue;
    }
    nodes.push({ kind: styleOf[atom.marker], children: resolveEmphasis(atoms.slice(index + 1, closer)) });
    index = closer;
  }
  return nodes;
}

function findCloser(atoms: readonly Atom[], opener: number, marker: string): number {
  // Not right after the opener: an emphasis holds something.
  for (let index = opener + 2; index < atoms.length; index += 1) {
    const atom = atoms[index];
    if (atom?.kind === "delimiter" && atom.marker === marker && atom.canClose) return index;
  }
  return -1;
}

/** A code span opened by the backtick run at `index`: it closes at the next run of the same length. */
function codeSpanAt(text: string, index: number): { text: string; end: number } | undefined {
  const run = /^`+/.exec(text.slice(index))?.[0] ?? "`";
  let search = index + run.length;
  while (search < text.length) {
    const next = text.indexOf("`", search);
    if (next < 0) return undefined;
    const closing = /^`+/.exec(text.slice(next))?.[0] ?? "`";
    if (closing.length === run.length) {
      let content = text.slice(index + run.length, next);
      // CommonMark strips one space each side when both are there (so `` `x` `` can show a backtick).
      if (content.length > 2 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") {
        content = content.slice(1, -1);
      }
      return { text: content, end: next + closing.length };
    }
    search = next + closing.length;
  }
  return undefined;
}

/** `[label](url)` at `index`: brackets nest in the label, parentheses in the URL, which has no spaces. */
function linkAt(text: string, index: number): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let position = index; position < text.length; position += 1) {
    const char = text[position];
    if (char === "\\") position += 1;
    else if (char === "[") depth += 1;
    else if (char === "]") {
      depth -= 1;
      if (depth === 0) {
        close = position;
        break;
      }
    }
  }
  if (close < 0 || text[close + 1] !== "(") return undefined;
  depth = 0;
  for (let position = close + 1; position < text.length; position += 1) {
    const char = text[position] ?? "";
    if (/\s/.test(char)) return undefined;
    if (char === "(") depth += 1;
    else if (char === ")") {
      depth -= 1;
      if (depth === 0) {
        const label = text.slice(index + 1, close);
        const url = text.slice(close + 2, position);
        if (label.trim() === "" || url === "") return undefined;
        return { label, url, end: position + 1 };
      }
    }
  }
  return undefined;
}

function isPunctuation(char: string): boolean {
  return /^[!-/:-@[-`{-~]$/.test(char);
}

function isWordCharacter(char: string): boolean {
  return /^[\p{L}\p{N}]$/u.test(char);
}

/** Links the chats can open: web and mail addresses (a relative path would be refused as a bad URL). */
export function isOpenableUrl(url: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(url);
}

/** A code span around `text` that survives any backticks in it (a fence longer than its longest run). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${padding}${text}${padding}${fence}`;
}

/** Text that must show as typed (a tool's name, an error message): its markers escaped, so `mcp__a__b` stays `mcp__a__b`. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~[\]()#>]/g, (char) => `\\${char}`);
}
