import { describe, expect, it } from "vitest";
import { highlight, languageNamed, languageOf, type HighlightedLine, type Language } from "./highlight.js";

/** A line as `role:text` parts, so an expectation reads like the line. */
function roles(line: HighlightedLine | undefined): string[] {
  return (line ?? []).filter((segment) => segment.role !== "plain").map((s) => `${s.role}:${s.text}`);
}

function textOf(line: HighlightedLine | undefined): string {
  return (line ?? []).map((segment) => segment.text).join("");
}

describe("languageOf", () => {
  it("goes by the extension, then by the #! line, else plain", () => {
    expect(languageOf("src/a.tsx")).toBe("typescript");
    expect(languageOf("lib/x.mjs")).toBe("typescript");
    expect(languageOf("tool.py")).toBe("python");
    expect(languageOf("package.json")).toBe("json");
    expect(languageOf("build.sh")).toBe("shell");
    expect(languageOf("README.md")).toBe("markdown");
    expect(languageOf("fix.patch")).toBe("diff");
    expect(languageOf("bin/run", "#!/usr/bin/env python3")).toBe("python");
    expect(languageOf("bin/go", "#!/bin/bash")).toBe("shell");
    expect(languageOf("Makefile")).toBe("plain");
    expect(languageOf(".hidden")).toBe("plain");
    expect(languageNamed("JavaScript")).toBe("typescript");
    expect(languageNamed("cobol")).toBe("plain");
  });
});

describe("highlight", () => {
  it("TypeScript: keywords, strings, numbers, line and block comments across lines", () => {
    const lines = highlight(
      'export const size = 0x1F + 2.5e3; // why\nconst s = "a \\" b" + \'c\';\n/* one\ntwo */ return `t\nu`;',
      "typescript",
    );
    expect(roles(lines[0])).toEqual([
      "keyword:export",
      "keyword:const",
      "number:0x1F",
      "number:2.5e3",
      "comment:// why",
    ]);
    expect(roles(lines[1])).toEqual(["keyword:const", 'string:"a \\" b"', "string:'c'"]);
    expect(roles(lines[2])).toEqual(["comment:/* one"]);
    expect(roles(lines[3])).toEqual(["comment:two */", "keyword:return", "string:`t"]);
    expect(roles(lines[4])).toEqual(["string:u`"]);
    // Words that contain a keyword or a digit are not split.
    expect(roles(highlight("format2 = imports", "typescript")[0])).toEqual([]);
  });

  it("Python: triple-quoted strings over lines, # comments, keywords", () => {
    const lines = highlight('def f(x):\n    """doc\n    more""" # note\n    return None', "python");
    expect(roles(lines[0])).toEqual(["keyword:def"]);
    expect(roles(lines[1])).toEqual(['string:"""doc']);
    expect(roles(lines[2])).toEqual(['string:    more"""', "comment:# note"]);
    expect(roles(lines[3])).toEqual(["keyword:return", "keyword:None"]);
  });

  it("JSON: keys and values as strings, numbers, true/false/null", () => {
    const [line] = highlight('{"a": -1.5, "b": [true, null], "c": "x"}', "json");
    expect(roles(line)).toEqual([
      'string:"a"',
      "number:1.5",
      'string:"b"',
      "keyword:true",
      "keyword:null",
      'string:"c"',
      'string:"x"',
    ]);
  });

  it("shell: # starts a comment only at a word's start; single quotes keep backslashes", () => {
    const lines = highlight("if [ $# -gt 1 ]; then echo 'a\\' # done\nfi", "shell");
    expect(roles(lines[0])).toEqual([
      "keyword:if",
      "number:1",
      "keyword:then",
      "string:'a\\'",
      "comment:# done",
    ]);
    expect(roles(lines[1])).toEqual(["keyword:fi"]);
  });

  it("Markdown: headings, list markers, inline code, and fenced code in its own language", () => {
    const lines = highlight("# Title\n- item `x` and `y`\n```python\nimport os\n```\n> quote", "markdown");
    expect(roles(lines[0])).toEqual(["heading:# Title"]);
    expect(roles(lines[1])).toEqual(["keyword:-", "string:`x`", "string:`y`"]);
    expect(roles(lines[2])).toEqual(["comment:```python"]);
    expect(roles(lines[3])).toEqual(["keyword:import"]);
    expect(roles(lines[4])).toEqual(["comment:```"]);
    expect(roles(lines[5])).toEqual(["comment:> quote"]);
  });

  it("diff: added, removed, file headers and hunks", () => {
    const lines = highlight("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same", "diff");
    expect(lines.map((line) => line[0]?.role)).toEqual([
      "heading",
      "heading",
      "heading",
      "removed",
      "added",
      "plain",
    ]);
  });

  it("an unknown language is plain text, line for line", () => {
    const lines = highlight("if x then 'y'\n\n42", "plain");
    expect(lines).toEqual([[{ text: "if x then 'y'", role: "plain" }], [], [{ text: "42", role: "plain" }]]);
  });

  it("keeps every character of the line (but control characters), and expands tabs to 4 columns", () => {
    const source = "const\ta = 'x';\t// c\r\n\tb";
    const lines = highlight(source, "typescript");
    expect(lines.map(textOf)).toEqual(["const   a = 'x';    // c", "    b"]);
  });

  it("strips escape sequences, C1 controls and bidirectional overrides from the file's text", () => {
    const hostile = 'const a = "\x1b[2J\x1b]0;owned\x07x\u009b31m"; // \u202eevil\u2066\x07\x00';
    const [line] = highlight(hostile, "typescript");
    const text = textOf(line);
    expect(text).toBe('const a = "x31m"; // evil');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it("never throws on random input in any language, and keeps the text", () => {
    const languages: Language[] = ["typescript", "python", "json", "shell", "markdown", "diff", "plain"];
    const alphabet = "abcdefif  \t\n\"'`#/*\\.0123456789xXeE+-_$@{}[]()<>~´é🙂\u0000\u001b\u009b\u202e";
    let seed = 13;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 600; round += 1) {
      let text = "";
      const length = Math.floor(random() * 200);
      for (let index = 0; index < length; index += 1) {
        text += [...alphabet][Math.floor(random() * [...alphabet].length)] ?? "";
      }
      // Also lone surrogates, which no tokenizer rule expects.
      if (round % 10 === 0) text += "\ud800x\udc00";
      for (const language of languages) {
        const lines = highlight(text, language);
        for (const line of lines) for (const segment of line) expect(segment.text).not.toBe("");
        expect(lines.map(textOf).join("\n").replace(/ /g, "")).toBe(
          text
            // eslint-disable-next-line no-control-regex
            .replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b./g, "")
            // eslint-disable-next-line no-control-regex
            .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\t ]/g, ""),
        );
      }
    }
  });

  it("gets through a 1 MB file (linear: no rule looks back or backtracks)", () => {
    const chunk = 'const x = "a\\"b" /* c */ + 0x1f; // d\n"""\n`\n'.repeat(1);
    const source = chunk.repeat(Math.ceil((1024 * 1024) / chunk.length));
    const unclosed = "/*" + "a".repeat(1024 * 1024);
    const oneLongLine = "'\\".repeat(512 * 1024);
    for (const language of ["typescript", "python", "shell", "markdown", "json"] as const) {
      expect(highlight(source, language).length).toBe(source.split("\n").length);
      expect(highlight(unclosed, language)).toHaveLength(1);
      expect(highlight(oneLongLine, language)).toHaveLength(1);
    }
  });
});
