import { describe, expect, it } from "vitest";
import { markdownV2Refusals } from "../../../test/fixtures/markdown-v2-check.js";
import { fenceOpenAfter } from "./markdown-syntax.js";
import { markdownToSlack } from "./markdown-to-slack.js";
import { markdownToTelegram } from "./markdown-to-telegram.js";
import {
  isGraphemeBoundary,
  joinParts,
  splitMarkdown,
  type MarkdownPart,
  type SplitOptions,
} from "./message-splitter.js";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set([text.length]);
  for (const segment of segmenter.segment(text)) boundaries.add(segment.index);
  return boundaries;
}

/** Everything a split promises, checked on one text. */
function expectSound(text: string, parts: readonly MarkdownPart[], options: SplitOptions): void {
  const render = options.render ?? ((markdown: string) => markdown);
  expect(joinParts(parts)).toBe(text);
  const boundaries = graphemeBoundaries(text);
  parts.forEach((part, index) => {
    expect(part.markdown).toBe(part.reopened + text.slice(part.start, part.end) + part.closed);
    expect(part.end).toBeGreaterThan(part.start);
    expect(boundaries.has(part.end), `cut at ${part.end} inside a grapheme`).toBe(true);
    expect(render(part.markdown).length, `part ${index} rendered`).toBeLessThanOrEqual(options.limit);
    const isLast = index === parts.length - 1;
    // Every part but the last ends with its code blocks closed (the last shows the text as it is).
    if (!isLast) expect(fenceOpenAfter(part.markdown)).toBeUndefined();
    const openBefore = fenceOpenAfter(text.slice(0, text.lastIndexOf("\n", part.start - 1) + 1));
    expect(part.reopened).toBe(openBefore ? `${openBefore.marker}${openBefore.language}\n` : "");
  });
}

describe("splitMarkdown", () => {
  it("keeps a text that fits as one part, and gives no part for no text", () => {
    expect(splitMarkdown("hello", { limit: 100 })).toEqual([
      { markdown: "hello", start: 0, end: 5, reopened: "", closed: "" },
    ]);
    expect(splitMarkdown("", { limit: 100 })).toEqual([]);
  });

  it("cuts after a line, else after a space, in the second half of the budget", () => {
    const lines = "first line\nsecond line is here\nthird";
    expect(splitMarkdown(lines, { limit: 34, margin: 1 }).map((part) => part.markdown)).toEqual([
      "first line\nsecond line is here\n",
      "third",
    ]);
    const words = "alpha beta gamma delta epsilon";
    expect(splitMarkdown(words, { limit: 20, margin: 1 }).map((part) => part.markdown)).toEqual([
      "alpha beta gamma ",
      "delta epsilon",
    ]);
  });

  it("closes a code block cut by a split and reopens it with its language", () => {
    const text = "intro\n```python\n" + "print(1)\n".repeat(10) + "```\nafter\n";
    const options = { limit: 60, margin: 1 };
    const parts = splitMarkdown(text, options);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]?.closed).toBe("```");
    expect(parts[1]?.reopened).toBe("```python\n");
    expectSound(text, parts, options);
  });

  it("does not leave an empty code block at the end of a part", () => {
    const text = "x".repeat(20) + "\n```js\n" + "let a = 1;\n".repeat(4) + "```\n";
    const parts = splitMarkdown(text, { limit: 30, margin: 1 });
    expect(parts[0]?.markdown).toBe("x".repeat(20) + "\n");
  });

  it("never cuts inside a surrogate pair, a skin tone or a ZWJ family", () => {
    const family = "👨‍👩‍👧‍👦";
    for (const unit of ["😀", "👍🏽", family, "🇫🇷", "é"]) {
      const text = unit.repeat(40);
      for (const limit of [5, 7, 11, 12, 13, 29].filter((limit) => limit >= unit.length)) {
        const options = { limit, margin: 1 };
        const parts = splitMarkdown(text, options);
        expectSound(text, parts, options);
        for (const part of parts) expect(text.slice(part.start, part.end).length % unit.length).toBe(0);
      }
    }
  });

  it("fits the rendered MarkdownV2, not the Markdown, under the limit", () => {
    // Every character escaped: the rendered text is twice the Markdown.
    const text = "a.b-c!d(e)".repeat(100);
    const options = { limit: 120, render: markdownToTelegram };
    const parts = splitMarkdown(text, options);
    expectSound(text, parts, options);
    expect(Math.max(...parts.map((part) => markdownToTelegram(part.markdown).length))).toBeGreaterThan(100);
  });

  it("starts from an earlier cut, with the code block open there", () => {
    const text = "```sh\n" + "echo hi\n".repeat(20) + "```\n";
    const options = { limit: 50, margin: 1 };
    const whole = splitMarkdown(text, options);
    const second = whole[1];
    expect(second).toBeDefined();
    expect(splitMarkdown(text, options, second?.start ?? 0)).toEqual(whole.slice(1));
  });

  it("keeps its parts before the last as the text grows (what streaming relies on)", () => {
    const options = { limit: 80, render: markdownToTelegram };
    let text = "";
    let settled: MarkdownPart[] = [];
    let seed = 3;
    const words = ["word ", "`code` ", "**bold** ", "\n", "\n```ts\nconst a = 1;\n", "```\n", "👍🏽 ", "a.b "];
    for (let step = 0; step < 400; step += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += words[seed % words.length] ?? "";
      const parts = splitMarkdown(text, options);
      // The parts that were followed by another stay exactly as they were.
      expect(parts.slice(0, settled.length)).toEqual(settled);
      settled = parts.slice(0, -1);
    }
  });

  it("holds its promises over generated text (property)", () => {
    const pieces = [
      "word",
      " ",
      "  ",
      "\n",
      "\n\n",
      "```",
      "```python\n",
      "\n```\n",
      "~~~\n",
      "`x`",
      "**b**",
      "_i_",
      "[l](https://a.b/c)",
      "😀",
      "👍🏽",
      "👨‍👩‍👧‍👦",
      "🇫🇷",
      "e\u0301",
      "\r\n",
      "-._*[]()~>#+=|{}!\\",
      "a".repeat(30),
    ];
    let seed = 11;
    const random = (bound: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % bound;
    };
    for (let round = 0; round < 300; round += 1) {
      let text = "";
      const count = random(80);
      for (let index = 0; index < count; index += 1) text += pieces[random(pieces.length)] ?? "";
      for (const render of [undefined, markdownToTelegram, markdownToSlack]) {
        const options: SplitOptions = { limit: 40 + random(120), ...(render ? { render } : {}) };
        const parts = splitMarkdown(text, options);
        expectSound(text, parts, options);
        if (render === markdownToTelegram) {
          // Each part on its own is MarkdownV2 Telegram takes (a cut never leaves an entity open).
          for (const part of parts) expect(markdownV2Refusals(render(part.markdown))).toEqual([]);
        }
      }
    }
  });

  it("judges grapheme boundaries as the segmenter does over the whole text", () => {
    const pieces = [
      "a",
      " ",
      "\r\n",
      "\n",
      "😀",
      "👍🏽",
      "👨‍👩‍👧‍👦",
      "🇫🇷",
      "🇩🇪",
      "e\u0301",
      "\u0301",
      "\u200d",
      "한",
      "ก\u0e33",
    ];
    // A run of flags longer than the context the check reads: pairs count from the run's start.
    for (const text of ["a" + "🇫🇷".repeat(30) + "x", "🇩".repeat(41) + "b", "x" + "\u0301".repeat(80)]) {
      const expected = graphemeBoundaries(text);
      for (let index = 0; index <= text.length; index += 1) {
        expect(isGraphemeBoundary(text, index), `at ${index}`).toBe(expected.has(index));
      }
    }
    let seed = 19;
    for (let round = 0; round < 200; round += 1) {
      let text = "";
      for (let index = 0; index < 40; index += 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += pieces[seed % pieces.length] ?? "";
      }
      const expected = graphemeBoundaries(text);
      for (let index = 0; index <= text.length; index += 1) {
        expect(isGraphemeBoundary(text, index), `${JSON.stringify(text)} at ${index}`).toBe(
          expected.has(index),
        );
      }
    }
  });
});
