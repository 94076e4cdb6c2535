import { isOpenableUrl, parseMarkdown, type InlineNode } from "./markdown-syntax.js";

/**
 * Markdown → Telegram MarkdownV2 (parse_mode "MarkdownV2"). Telegram refuses a
 * whole message over one stray special character, so every character that is
 * not markup we emit is escaped: outside code `_*[]()~`>#+-=|{}.!` and the
 * backslash; inside code only the backtick and the backslash; inside a link's
 * URL only `)` and the backslash. Headings become bold lines, lists stay text.
 */
export function markdownToTelegram(markdown: string): string {
  const lines: string[] = [];
  for (const block of parseMarkdown(markdown)) {
    if (block.kind === "code") {
      const language = /^[\w+#.-]+$/.test(block.language) ? block.language : "";
      lines.push(`\`\`\`${language}\n${escapeCode(block.text)}\n\`\`\``);
    } else if (block.kind === "heading") {
      lines.push(renderInline([{ kind: "bold", children: block.children }]));
    } else {
      lines.push(renderInline(block.children));
    }
  }
  return lines.join("\n");
}

const specialOutsideCode = /[_*[\]()~`>#+\-=|{}.!\\]/g;

export function escapeTelegramText(text: string): string {
  return text.replace(specialOutsideCode, (char) => `\\${char}`);
}

function escapeCode(text: string): string {
  return text.replace(/[`\\]/g, (char) => `\\${char}`);
}

function escapeUrl(url: string): string {
  return url.replace(/[)\\]/g, (char) => `\\${char}`);
}

const markerOf = { bold: "*", italic: "_", strike: "~" } as const;

type Style = keyof typeof markerOf | "link";

/** The text so far, and where the last italic marker ended (to tell `__` apart from underline). */
interface Output {
  text: string;
  italicMarkerEnd: number;
}

function renderInline(nodes: readonly InlineNode[]): string {
  const output: Output = { text: "", italicMarkerEnd: -1 };
  renderNodes(nodes, new Set(), output);
  return output.text;
}

function renderNodes(nodes: readonly InlineNode[], active: ReadonlySet<Style>, output: Output): void {
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        output.text += escapeTelegramText(node.text);
        break;
      case "code":
        // Telegram's code entity cannot sit inside a link, and a blank one is refused: both stay text.
        if (active.has("link") || node.text.trim() === "") output.text += escapeTelegramText(node.text);
        else output.text += `\`${escapeCode(node.text)}\``;
        break;
      case "link":
        if (active.has("link") || !isOpenableUrl(node.url)) {
          // Not a link Telegram would take: its label, and the address as text to copy.
          renderNodes(node.children, active, output);
          output.text += escapeTelegramText(` (${node.url})`);
        } else {
          output.text += "[";
          renderNodes(node.children, new Set([...active, "link"]), output);
          output.text += `](${escapeUrl(node.url)})`;
        }
        break;
      default: {
        // The same entity inside itself is refused: the inner markers are dropped, the text kept.
        if (active.has(node.kind)) {
          renderNodes(node.children, active, output);
          break;
        }
        const marker = markerOf[node.kind];
        // `__` reads as underline: between an italic's end and the next italic's start
        // Telegram's own advice is a \r, which it ignores.
        emitMarker(marker, output);
        renderNodes(node.children, new Set([...active, node.kind]), output);
        emitMarker(marker, output);
      }
    }
  }
}

function emitMarker(marker: string, output: Output): void {
  if (marker !== "_") {
    output.text += marker;
    return;
  }
  if (output.italicMarkerEnd === output.text.length) output.text += "\r";
  output.text += marker;
  output.italicMarkerEnd = output.text.length;
}
