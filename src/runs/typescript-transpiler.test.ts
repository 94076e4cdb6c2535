import { describe, expect, it } from "vitest";
import { transpileTypeScript } from "./typescript-transpiler.js";

describe("transpileTypeScript", () => {
  it("strips types and keeps modules as modules", async () => {
    const outcome = await transpileTypeScript("const x: number = 2;\nexport const y = x * 21;", "module");
    expect(outcome.diagnostics).toBe("");
    expect(outcome.javascript).toContain("const x = 2");
    expect(outcome.javascript).toContain("export const y");
  });

  it("turns imports into require for kernels", async () => {
    const outcome = await transpileTypeScript('import fs from "node:fs";\nfs.existsSync("/");', "script");
    expect(outcome.javascript).toContain('require("node:fs")');
  });

  it("reports syntax errors with a position", async () => {
    const outcome = await transpileTypeScript("const = ;", "module");
    expect(outcome.diagnostics).toMatch(/^main\.ts\(1,\d+\): error TS\d+/);
  });
});
