/**
 * What the default sandbox image contains. The recipe's hash is stored as a
 * label on the image, so `hangar image build` rebuilds only when the recipe
 * changed (or with --force).
 */
export declare const defaultImageTag = "hangar-sandbox:latest";
export declare const recipeLabel = "hangar.image.recipe";
/** The hash of the kernel scripts an image carries (see `kernelScriptsHash`). */
export declare const kernelImageLabel = "hangar.image.kernels";
export declare const defaultPackages: string[];
/** A file copied into the image at import, owned by root and read-only to the sandbox user. */
export interface ImageFile {
    /** Absolute path inside the image. */
    path: string;
    content: string;
}
export interface ImageRecipe {
    suite: string;
    packages: string[];
    /** Hangar's own files (the session kernels), laid over the cached rootfs at every import. */
    files: ImageFile[];
    /** The hash of the kernel scripts among `files`, stored as a label the provider checks. */
    kernelsHash: string;
}
export declare function defaultRecipe(extraPackages?: string[], kernels?: {
    files: ImageFile[];
    hash: string;
}): ImageRecipe;
/** Identifies the debootstrapped rootfs (suite and packages): the slow part, cached across builds. */
export declare function rootfsHash(recipe: ImageRecipe): string;
/** Identifies the whole image: a changed kernel rebuilds it (a quick import over the cached rootfs). */
export declare function recipeHash(recipe: ImageRecipe): string;
/** The debootstrap command line (pure, for tests and for printing what will run). */
export declare function debootstrapArguments(recipe: ImageRecipe, rootfs: string, mirror: string): string[];
/** Dockerfile-style changes applied on import: an unprivileged user and the workspace. */
export declare function importChanges(recipe: ImageRecipe): string[];
