import { describe, expect, it } from "vitest";
import { markdownV2Refusals as refusals } from "../../../test/fixtures/markdown-v2-check.js";
import { markdownToTelegram } from "./markdown-to-telegram.js";

function expectAccepted(rendered: string): void {
  expect(refusals(rendered)).toEqual([]);
}

describe("markdownToTelegram", () => {
  it("is checked by a walker that does find what Telegram refuses", () => {
    expect(refusals("a.b *c [d")).toEqual([".", "unbalanced link", "odd *"]);
    expect(refusals("```x `y`")).toEqual(["unclosed ```"]);
    expect(refusals("`open \\`")).toEqual(["unclosed `"]);
  });

  it("renders the supported subset", () => {
    expect(markdownToTelegram("**bold** and *italic* and _also_ and ~~gone~~")).toBe(
      "*bold* and _italic_ and _also_ and ~gone~",
    );
    expect(markdownToTelegram("run `npm test` now")).toBe("run `npm test` now");
    expect(markdownToTelegram("# Title.\n## Sub-title")).toBe("*Title\\.*\n*Sub\\-title*");
    expect(markdownToTelegram("- one\n- two\n1. three")).toBe("\\- one\n\\- two\n1\\. three");
    expect(markdownToTelegram("see [the docs](https://example.com/a_(b))!")).toBe(
      "see [the docs](https://example.com/a_(b\\))\\!",
    );
  });

  it("escapes every special character outside code, and only ` and \\ inside", () => {
    const specials = "_*[]()~`>#+-=|{}.!\\";
    expect(markdownToTelegram("a > b = c | d {e} #f +g -h. i!")).toBe(
      "a \\> b \\= c \\| d \\{e\\} \\#f \\+g \\-h\\. i\\!",
    );
    expect(markdownToTelegram("`a_b*c[d]`")).toBe("`a_b*c[d]`");
    expect(markdownToTelegram("``a ` \\ b``")).toBe("`a \\` \\\\ b`");
    expect(markdownToTelegram("```\n" + specials + "\n```")).toBe("```\n_*[]()~\\`>#+-=|{}.!\\\\\n```");
    expectAccepted(markdownToTelegram(specials));
    expectAccepted(markdownToTelegram(specials.split("").join(" ")));
  });

  it("keeps a code fence's language, and drops one Telegram would misread", () => {
    expect(markdownToTelegram("```python\nprint('a.b')\n```")).toBe("```python\nprint('a.b')\n```");
    expect(markdownToTelegram("```c++ extra\nx\n```")).toBe("```c++\nx\n```");
    expect(markdownToTelegram("~~~{weird}\nx\n~~~")).toBe("```\nx\n```");
  });

  it("closes a fence left open at the end", () => {
    expect(markdownToTelegram("text\n```js\nconst a = 1;")).toBe("text\n```js\nconst a = 1;\n```");
  });

  it("leaves snake_case, lone stars and arithmetic as escaped text", () => {
    expect(markdownToTelegram("call snake_case_name now")).toBe("call snake\\_case\\_name now");
    expect(markdownToTelegram("2 * 3 * 4")).toBe("2 \\* 3 \\* 4");
    expect(markdownToTelegram("a **b")).toBe("a \\*\\*b");
    expect(markdownToTelegram("unclosed `code and [link](")).toBe("unclosed \\`code and \\[link\\]\\(");
  });

  it("drops the markers of a style nested in itself, and keeps italics apart from underline", () => {
    expect(markdownToTelegram("# A **bold** title")).toBe("*A bold title*");
    expect(markdownToTelegram("**a *b* c**")).toBe("*a _b_ c*");
    const adjacent = markdownToTelegram("*a*_b_");
    expect(adjacent).toBe("_a_\r_b_");
    expectAccepted(adjacent);
  });

  it("keeps links it cannot make as text, and no code inside a link", () => {
    expect(markdownToTelegram("[readme](docs/README.md)")).toBe("readme \\(docs/README\\.md\\)");
    expect(markdownToTelegram("[`npm` docs](https://docs.npmjs.com)")).toBe(
      "[npm docs](https://docs.npmjs.com)",
    );
    expect(markdownToTelegram("[a [b](https://x.y) c](https://z.w)")).toBe(
      "[a \\[b\\]\\(https://x\\.y\\) c](https://z.w)",
    );
    expect(markdownToTelegram("[x](https://e.com/a\\b)")).toBe("[x](https://e.com/a\\\\b)");
  });

  it("gives text Telegram accepts for odd and unbalanced input", () => {
    const cases = [
      "***x***",
      "**a *b** c*",
      "_a *b_ c*",
      "~~a ~~ b~~",
      "[[x]](https://a.b)",
      "`` ` ``",
      "` `",
      "\\*not italic\\*",
      "](https://x) [ ( ) ]",
      "**bold** __bold__ ___x___",
      "a_b_ _c_d _e_",
      "> quote with *stars* and `code`",
      "```\nunclosed `pre` with \\ and ```` inside",
      "***\n---\n___",
      "*a* *b* _c_ _d_",
      "😀 *emoji* 👍🏽 _x_",
    ];
    for (const input of cases) expectAccepted(markdownToTelegram(input));
  });

  it("gives accepted text for generated input of special characters", () => {
    const alphabet = [
      "*",
      "_",
      "~",
      "`",
      "[",
      "]",
      "(",
      ")",
      "\\",
      "a",
      " ",
      "\n",
      ".",
      "#",
      "https://x.y",
      "**",
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 500; round += 1) {
      let input = "";
      const length = Math.floor(random() * 30);
      for (let index = 0; index < length; index += 1)
        input += alphabet[Math.floor(random() * alphabet.length)];
      const rendered = markdownToTelegram(input);
      expect({ input, problems: refusals(rendered) }).toEqual({ input, problems: [] });
    }
  });
});
