import { isOpenableUrl, parseMarkdown, type InlineNode } from "./markdown-syntax.js";

/**
 * Markdown → Slack mrkdwn: `*bold*`, `_italic_`, `~strike~`, `` `code` ``,
 * code fences without their language (Slack shows none), `<url|label>` links,
 * headings as bold lines. Slack's only escapes are `&amp;`, `&lt;` and `&gt;`,
 * needed everywhere but in a link's own brackets (code included: Slack would
 * otherwise read `<@U123>` in a shell snippet as a mention). mrkdwn has no
 * escape for `*`, `_` or `~`, so an unpaired one is left as typed.
 */
export function markdownToSlack(markdown: string): string {
  const lines: string[] = [];
  for (const block of parseMarkdown(markdown)) {
    if (block.kind === "code") lines.push(`\`\`\`\n${escapeSlackText(block.text)}\n\`\`\``);
    else if (block.kind === "heading") lines.push(renderNodes([{ kind: "bold", children: block.children }]));
    else lines.push(renderNodes(block.children));
  }
  return lines.join("\n");
}

export function escapeSlackText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === "&" ? "&amp;" : char === "<" ? "&lt;" : "&gt;"));
}

/** A URL inside `<…|…>`: `|` and `>` would end it early, so they are percent-encoded. */
function escapeUrl(url: string): string {
  return url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
}

const markerOf = { bold: "*", italic: "_", strike: "~" } as const;

type Style = keyof typeof markerOf | "link";

function renderNodes(nodes: readonly InlineNode[], active: ReadonlySet<Style> = new Set()): string {
  let text = "";
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        text += escapeSlackText(node.text);
        break;
      case "code":
        text += codeOf(node.text);
        break;
      case "link": {
        const label = renderNodes(node.children, new Set([...active, "link"]));
        // A relative path is no link Slack can open: the label, then the address as text.
        if (active.has("link") || !isOpenableUrl(node.url)) text += `${label} (${escapeSlackText(node.url)})`;
        else text += `<${escapeUrl(node.url)}|${label}>`;
        break;
      }
      default: {
        const inner = renderNodes(node.children, new Set([...active, node.kind]));
        // Slack cannot nest the same style: the inner markers are dropped, the text kept.
        text += active.has(node.kind) ? inner : `${markerOf[node.kind]}${inner}${markerOf[node.kind]}`;
      }
    }
  }
  return text;
}

/** Inline code; mrkdwn has no escape for a backtick inside it, but a one-line ``` block holds one. */
function codeOf(code: string): string {
  if (code.trim() === "") return escapeSlackText(code);
  const fence = code.includes("`") && !code.includes("```") ? "```" : "`";
  return `${fence}${escapeSlackText(code)}${fence}`;
}
