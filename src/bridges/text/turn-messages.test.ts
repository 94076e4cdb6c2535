import { describe, expect, it } from "vitest";
import { markdownToTelegram } from "./markdown-to-telegram.js";
import { joinParts, type MarkdownPart, type SplitOptions } from "./message-splitter.js";
import { reconcileTurn, type TurnOperation } from "./turn-messages.js";

const options: SplitOptions = { limit: 60, render: markdownToTelegram };

/** Applies operations as a chat would, checking the reconciler never edits a message before the last. */
function apply(sent: MarkdownPart[], operations: readonly TurnOperation[]): void {
  for (const operation of operations) {
    if (operation.kind === "edit") expect(operation.index).toBe(sent.length - 1);
    else expect(operation.index).toBe(sent.length);
    sent[operation.index] = operation.part;
  }
}

function summary(operation: TurnOperation): [string, number, string, number] {
  return [operation.kind, operation.index, operation.part.markdown, operation.part.start];
}

describe("reconcileTurn", () => {
  it("sends the first part, then edits it as the text grows", () => {
    const sent: MarkdownPart[] = [];
    expect(reconcileTurn("", sent, options)).toEqual([]);
    const first = reconcileTurn("Hello", sent, options);
    expect(first.map(summary)).toEqual([["send", 0, "Hello", 0]]);
    apply(sent, first);
    expect(reconcileTurn("Hello", sent, options)).toEqual([]);
    const second = reconcileTurn("Hello, world", sent, options);
    expect(second.map(summary)).toEqual([["edit", 0, "Hello, world", 0]]);
  });

  it("does not edit for trailing whitespace, nor send a part of only whitespace", () => {
    const sent: MarkdownPart[] = [];
    expect(reconcileTurn("  \n", sent, options)).toEqual([]);
    apply(sent, reconcileTurn("Done.", sent, options));
    expect(reconcileTurn("Done.\n\n", sent, options)).toEqual([]);
  });

  it("shrinks the last message and continues in new ones when the text passes the limit", () => {
    const sent: MarkdownPart[] = [];
    apply(sent, reconcileTurn("line one\n", sent, options));
    const text = "line one\n" + "more words here\n".repeat(8);
    const operations = reconcileTurn(text, sent, options);
    expect(operations[0]?.kind).toBe("edit");
    expect(operations.slice(1).every((operation) => operation.kind === "send")).toBe(true);
    apply(sent, operations);
    expect(joinParts(sent)).toBe(text);
    expect(reconcileTurn(text, sent, options)).toEqual([]);
  });

  it("never edits a message before the last, whatever it was sent as", () => {
    // A settled first message that no longer matches a fresh split of the text stays as it is.
    const sent: MarkdownPart[] = [
      { markdown: "old", start: 0, end: 3, reopened: "", closed: "" },
      { markdown: "tail", start: 3, end: 7, reopened: "", closed: "" },
    ];
    const operations = reconcileTurn("XXX tail and more", sent, options);
    expect(operations.map(summary)).toEqual([["edit", 1, " tail and more", 3]]);
  });

  it("streams any text into messages that join back to it (generated deltas)", () => {
    let seed = 5;
    const random = (bound: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % bound;
    };
    const pieces = ["word ", "**b** ", "\n", "```py\nx = 1\n", "```\n", "👨‍👩‍👧‍👦", "a.b!", "  "];
    for (let round = 0; round < 40; round += 1) {
      const sent: MarkdownPart[] = [];
      let text = "";
      for (let step = 0; step < 60; step += 1) {
        text += pieces[random(pieces.length)] ?? "";
        if (random(3) === 0) apply(sent, reconcileTurn(text, sent, options));
      }
      apply(sent, reconcileTurn(text, sent, options));
      expect(joinParts(sent).trimEnd()).toBe(text.trimEnd());
      for (const part of sent) expect(markdownToTelegram(part.markdown).length).toBeLessThanOrEqual(60);
    }
  });
});
