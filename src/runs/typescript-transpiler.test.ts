import { describe, expect, it } from "vitest";
import { nodeTypeStripper, transpileTypeScript } from "./typescript-transpiler.js";

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
    expect(outcome.engine).toBe("typescript");
  });

  // Node >= 22.13 / 23.2 has module.stripTypeScriptTypes; CI runs this file on Node 20 and Node 24.
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const hasStripper = major > 23 || (major === 23 && minor >= 2) || (major === 22 && minor >= 13);

  it(`uses Node's type stripping for modules where Node has it (${hasStripper ? "here" : "not here"}), enums included`, async () => {
    expect(nodeTypeStripper !== undefined).toBe(hasStripper);
    const outcome = await transpileTypeScript(
      "enum Color { Red, Green }\nconst pick: Color = Color.Green;\nexport const name: string = Color[pick];",
      "module",
    );
    expect(outcome.engine).toBe(hasStripper ? "node" : "typescript");
    expect(outcome.diagnostics).toBe("");
    const exported = (await import(`data:text/javascript,${encodeURIComponent(outcome.javascript)}`)) as {
      name: string;
    };
    expect(exported.name).toBe("Green");
    // Kernels need require(): always the compiler.
    expect((await transpileTypeScript("const a: number = 1;", "script")).engine).toBe("typescript");
  });
});
