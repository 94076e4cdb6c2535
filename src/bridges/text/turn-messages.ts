import { splitMarkdown, type MarkdownPart, type SplitOptions } from "./message-splitter.js";

/**
 * The streaming model, as a pure reconciler: a turn's reply is its text so far
 * (Markdown, tool lines included) shown as a run of chat messages. Given the
 * text and the parts already sent, it says what makes the chat match: edit
 * the last message when its part changed, send the parts after it. Messages
 * before the last are never edited again: the text is split anew only from the
 * last message's start, so what lies before it is settled for good.
 */
export type TurnOperation =
  | { readonly kind: "edit"; readonly index: number; readonly part: MarkdownPart }
  | { readonly kind: "send"; readonly index: number; readonly part: MarkdownPart };

/**
 * `sent[i]` is the part message `i` shows (as a previous operation gave it).
 * An empty result means the chat shows the text. A part of only whitespace is
 * not sent (platforms refuse an empty message); it is sent with what follows.
 */
export function reconcileTurn(
  text: string,
  sent: readonly MarkdownPart[],
  options: SplitOptions,
): TurnOperation[] {
  const last = sent.length - 1;
  const lastPart = sent[last];
  const parts = splitMarkdown(text, options, lastPart?.start ?? 0);
  const operations: TurnOperation[] = [];
  let next = lastPart === undefined ? 0 : last + 1;
  parts.forEach((part, offset) => {
    if (offset === 0 && lastPart !== undefined) {
      if (!isBlank(part) && !showsSame(part, lastPart)) operations.push({ kind: "edit", index: last, part });
    } else if (!isBlank(part)) {
      operations.push({ kind: "send", index: next, part });
      next += 1;
    }
  });
  return operations;
}

/** Chats trim a message's trailing whitespace, so a part that only grew by it needs no edit. */
function showsSame(part: MarkdownPart, shown: MarkdownPart): boolean {
  return part.markdown.trimEnd() === shown.markdown.trimEnd();
}

function isBlank(part: MarkdownPart): boolean {
  return part.markdown.trim() === "";
}
