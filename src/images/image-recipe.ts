import { createHash } from "node:crypto";

/**
 * What the default sandbox image contains. The recipe's hash is stored as a
 * label on the image, so `hangar image build` rebuilds only when the recipe
 * changed (or with --force).
 */
export const defaultImageTag = "hangar-sandbox:latest";
export const recipeLabel = "hangar.image.recipe";

export const defaultPackages = [
  "bash",
  "ca-certificates",
  "coreutils",
  "default-jdk-headless",
  "findutils",
  "g++",
  "gcc",
  "git",
  "libc6-dev",
  "nodejs",
  "perl",
  "procps",
  "python3",
  "rustc",
];

export interface ImageRecipe {
  suite: string;
  packages: string[];
}

export function defaultRecipe(extraPackages: string[] = []): ImageRecipe {
  return { suite: "bookworm", packages: [...new Set([...defaultPackages, ...extraPackages])].sort() };
}

export function recipeHash(recipe: ImageRecipe): string {
  return createHash("sha256").update(JSON.stringify(recipe)).digest("hex").slice(0, 16);
}

/** The debootstrap command line (pure, for tests and for printing what will run). */
export function debootstrapArguments(recipe: ImageRecipe, rootfs: string, mirror: string): string[] {
  return ["--variant=minbase", `--include=${recipe.packages.join(",")}`, recipe.suite, rootfs, mirror];
}

/** Dockerfile-style changes applied on import: an unprivileged user and the workspace. */
export function importChanges(recipe: ImageRecipe): string[] {
  return [
    "USER 1000:1000",
    "WORKDIR /workspace",
    "ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/tmp",
    `LABEL ${recipeLabel}=${recipeHash(recipe)}`,
    'CMD ["/bin/sh"]',
  ];
}
