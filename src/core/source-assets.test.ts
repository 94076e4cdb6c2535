import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSourceAsset } from "./source-assets.js";

describe("findSourceAsset", () => {
  let root: string;
  const moduleIn = (...parts: string[]): string => pathToFileURL(join(root, ...parts, "module.js")).href;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "hangar-assets-"));
    await mkdir(join(root, "src", "runs", "kernels"), { recursive: true });
    await writeFile(join(root, "src", "runs", "kernels", "kernel.py"), "");
    await mkdir(join(root, "dist", "runs"), { recursive: true });
    await mkdir(join(root, "dist-bench", "src", "runs"), { recursive: true });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("finds the file beside its module in src/", () => {
    expect(findSourceAsset(moduleIn("src", "runs"), "src/runs", "kernels/kernel.py")).toBe(
      join(root, "src", "runs", "kernels", "kernel.py"),
    );
  });

  it("finds it in the source tree from dist/ and from dist-bench/src/", () => {
    const expected = join(root, "src", "runs", "kernels", "kernel.py");
    expect(findSourceAsset(moduleIn("dist", "runs"), "src/runs", "kernels/kernel.py")).toBe(expected);
    expect(findSourceAsset(moduleIn("dist-bench", "src", "runs"), "src/runs", "kernels/kernel.py")).toBe(
      expected,
    );
  });

  it("is undefined when no directory above has it", () => {
    expect(findSourceAsset(moduleIn("dist", "runs"), "src/runs", "kernels/missing.py")).toBeUndefined();
  });
});
