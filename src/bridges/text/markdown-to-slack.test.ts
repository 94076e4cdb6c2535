import { describe, expect, it } from "vitest";
import { markdownToSlack } from "./markdown-to-slack.js";

describe("markdownToSlack", () => {
  it("renders the supported subset as mrkdwn", () => {
    expect(markdownToSlack("**bold**, *italic*, _also_, ~~gone~~ and `code`")).toBe(
      "*bold*, _italic_, _also_, ~gone~ and `code`",
    );
    expect(markdownToSlack("# Title\n- item one\n- item two")).toBe("*Title*\n- item one\n- item two");
    expect(markdownToSlack("see [the docs](https://example.com/a?b=1&c=2)")).toBe(
      "see <https://example.com/a?b=1&amp;c=2|the docs>",
    );
  });

  it("drops a code fence's language, which Slack would show as code", () => {
    expect(markdownToSlack("```python\nprint(1)\n```\nafter")).toBe("```\nprint(1)\n```\nafter");
    expect(markdownToSlack("```sh\nunclosed")).toBe("```\nunclosed\n```");
  });

  it("escapes &, < and > in text and in code, so nothing reads as a mention or link", () => {
    expect(markdownToSlack("a < b && c > d <@U123> <!channel>")).toBe(
      "a &lt; b &amp;&amp; c &gt; d &lt;@U123&gt; &lt;!channel&gt;",
    );
    expect(markdownToSlack("`x > y`\n```\n<html>&amp;\n```")).toBe(
      "`x &gt; y`\n```\n&lt;html&gt;&amp;amp;\n```",
    );
  });

  it("holds a backtick inside inline code in a one-line block", () => {
    expect(markdownToSlack("run ``echo `date` `` now")).toBe("run ```echo `date` ``` now");
  });

  it("keeps a link's URL inside its brackets, and a label's text escaped", () => {
    expect(markdownToSlack("[a|b <c>](https://x.y/p?q=a|b>c)")).toBe(
      "<https://x.y/p?q=a%7Cb%3Ec|a|b &lt;c&gt;>",
    );
    expect(markdownToSlack("[notes](./notes.md)")).toBe("notes (./notes.md)");
  });

  it("does not nest a style in itself and leaves unpaired markers as typed", () => {
    expect(markdownToSlack("# The **real** fix")).toBe("*The real fix*");
    expect(markdownToSlack("2 * 3 and snake_case and a **b")).toBe("2 * 3 and snake_case and a **b");
  });

  it("never leaves a < or > outside a link's own brackets", () => {
    const inputs = [
      "<<>>",
      "[x](https://a.b/<>)",
      "`<`",
      "```\n>\n```",
      "**<b>**",
      "[<](https://a.b)",
      "a->b",
    ];
    for (const input of inputs) {
      const outsideLinks = markdownToSlack(input).replace(/<https?:[^<>|]*\|[^<>]*>/g, "");
      expect(outsideLinks).not.toMatch(/[<>]/);
    }
  });
});
