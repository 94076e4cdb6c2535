import { createHash } from "node:crypto";
/**
 * What the default sandbox image contains. The recipe's hash is stored as a
 * label on the image, so `hangar image build` rebuilds only when the recipe
 * changed (or with --force).
 */
export const defaultImageTag = "hangar-sandbox:latest";
export const recipeLabel = "hangar.image.recipe";
/** The hash of the kernel scripts an image carries (see `kernelScriptsHash`). */
export const kernelImageLabel = "hangar.image.kernels";
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
    // Figures in notebook runs become image/png results (the kernel renders with the Agg backend).
    "python3-matplotlib",
    "rustc",
];
export function defaultRecipe(extraPackages = [], kernels = { files: [], hash: "none" }) {
    return {
        suite: "bookworm",
        packages: [...new Set([...defaultPackages, ...extraPackages])].sort(),
        files: [...kernels.files].sort((a, b) => a.path.localeCompare(b.path)),
        kernelsHash: kernels.hash,
    };
}
/** Identifies the debootstrapped rootfs (suite and packages): the slow part, cached across builds. */
export function rootfsHash(recipe) {
    const { suite, packages } = recipe;
    return createHash("sha256").update(JSON.stringify({ suite, packages })).digest("hex").slice(0, 16);
}
/** Identifies the whole image: a changed kernel rebuilds it (a quick import over the cached rootfs). */
export function recipeHash(recipe) {
    const files = recipe.files.map((file) => [
        file.path,
        createHash("sha256").update(file.content).digest("hex"),
    ]);
    if (files.length === 0)
        return rootfsHash(recipe);
    return createHash("sha256")
        .update(JSON.stringify({ rootfs: rootfsHash(recipe), files }))
        .digest("hex")
        .slice(0, 16);
}
/** The debootstrap command line (pure, for tests and for printing what will run). */
export function debootstrapArguments(recipe, rootfs, mirror) {
    return ["--variant=minbase", `--include=${recipe.packages.join(",")}`, recipe.suite, rootfs, mirror];
}
/** Dockerfile-style changes applied on import: an unprivileged user and the workspace. */
export function importChanges(recipe) {
    return [
        "USER 1000:1000",
        "WORKDIR /workspace",
        "ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/tmp",
        `LABEL ${recipeLabel}=${recipeHash(recipe)}`,
        `LABEL ${kernelImageLabel}=${recipe.kernelsHash}`,
        'CMD ["/bin/sh"]',
    ];
}
//# sourceMappingURL=image-recipe.js.map