import { describe, expect, it } from "vitest";
import {
  debootstrapArguments,
  defaultRecipe,
  importChanges,
  kernelImageLabel,
  recipeHash,
  recipeLabel,
  rootfsHash,
} from "./image-recipe.js";

describe("the image recipe", () => {
  it("includes every toolchain the issue names", () => {
    const packages = defaultRecipe().packages;
    for (const name of ["python3", "nodejs", "gcc", "g++", "default-jdk-headless", "rustc", "git"]) {
      expect(packages).toContain(name);
    }
  });

  it("hashes the recipe so a change of packages rebuilds, and a reordering does not", () => {
    expect(recipeHash(defaultRecipe())).toBe(recipeHash(defaultRecipe()));
    expect(recipeHash(defaultRecipe(["ruby"]))).not.toBe(recipeHash(defaultRecipe()));
    expect(recipeHash(defaultRecipe(["ruby", "lua5.4"]))).toBe(recipeHash(defaultRecipe(["lua5.4", "ruby"])));
  });

  it("a changed kernel changes the image's hash but not the cached rootfs's", () => {
    const kernel = (content: string) => ({
      files: [{ path: "/opt/hangar/kernels/python-kernel.py", content }],
      hash: content,
    });
    const before = defaultRecipe([], kernel("print(1)"));
    const after = defaultRecipe([], kernel("print(2)"));
    expect(recipeHash(after)).not.toBe(recipeHash(before));
    expect(rootfsHash(after)).toBe(rootfsHash(before));
    expect(rootfsHash(before)).toBe(recipeHash(defaultRecipe()));
    expect(importChanges(after)).toContain(`LABEL ${kernelImageLabel}=print(2)`);
  });

  it("builds a minbase debootstrap command and an unprivileged image", () => {
    const recipe = defaultRecipe();
    expect(debootstrapArguments(recipe, "/r", "http://mirror/debian")).toEqual([
      "--variant=minbase",
      `--include=${recipe.packages.join(",")}`,
      "bookworm",
      "/r",
      "http://mirror/debian",
    ]);
    const changes = importChanges(recipe);
    expect(changes).toContain("USER 1000:1000");
    expect(changes).toContain(`LABEL ${recipeLabel}=${recipeHash(recipe)}`);
  });
});
