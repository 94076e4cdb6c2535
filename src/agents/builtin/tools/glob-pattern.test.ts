import { describe, expect, it } from "vitest";
import { globToRegExp } from "./glob-pattern.js";

function matches(pattern: string, paths: string[]): string[] {
  const matcher = globToRegExp(pattern);
  return paths.filter((path) => matcher.test(path));
}

const paths = ["a.ts", "src/a.ts", "src/deep/b.ts", "src/deep/b.js", "srcx/c.ts", "test/x.mjs", "README.md"];

describe("globToRegExp", () => {
  it("spans directories with ** and stays within one with *", () => {
    expect(matches("src/**/*.ts", paths)).toEqual(["src/a.ts", "src/deep/b.ts"]);
    expect(matches("src/*.ts", paths)).toEqual(["src/a.ts"]);
    expect(matches("src/**", paths)).toEqual(["src/a.ts", "src/deep/b.ts", "src/deep/b.js"]);
    expect(matches("**/*.js", paths)).toEqual(["src/deep/b.js"]);
  });

  it("matches a pattern without a slash against file names at any depth", () => {
    expect(matches("*.ts", paths)).toEqual(["a.ts", "src/a.ts", "src/deep/b.ts", "srcx/c.ts"]);
    expect(matches("README.md", paths)).toEqual(["README.md"]);
  });

  it("understands braces, ? and character classes, and escapes regex characters", () => {
    expect(matches("*.{js,mjs}", paths)).toEqual(["src/deep/b.js", "test/x.mjs"]);
    expect(matches("src/deep/?.[jt]s", paths)).toEqual(["src/deep/b.ts", "src/deep/b.js"]);
    expect(matches("src/deep/b.[!t]s", paths)).toEqual(["src/deep/b.js"]);
    expect(matches("a.ts", ["aXts", "a.ts"])).toEqual(["a.ts"]);
    expect(matches("./src/*.ts", paths)).toEqual(["src/a.ts"]);
    expect(matches("/workspace/src/*.ts", paths)).toEqual(["src/a.ts"]);
  });
});

describe("globToRegExp beyond the basics (picomatch)", () => {
  it("matches dotfiles, nested braces and extglobs", () => {
    expect(matches("*.env", [".env", "config/prod.env", "env"])).toEqual([".env", "config/prod.env"]);
    expect(matches("src/**/*.{ts,{m,c}js}", ["src/a.mjs", "src/b/c.cjs", "src/d.js", "src/e.ts"])).toEqual([
      "src/a.mjs",
      "src/b/c.cjs",
      "src/e.ts",
    ]);
    expect(matches("src/!(*.test).ts", ["src/a.ts", "src/a.test.ts"])).toEqual(["src/a.ts"]);
  });
});
