import Docker from "dockerode";
import { type ImageRecipe } from "./image-recipe.js";
/**
 * Builds the default sandbox image with no registry: a Debian minbase rootfs
 * from debootstrap (Debian's mirrors are the one source we can reach), a
 * sandbox user, then `docker import` through the Engine API.
 */
export interface BuildImageOptions {
    docker: Docker;
    recipe: ImageRecipe;
    tag: string;
    /** Where the rootfs is built and kept for the next build. */
    cacheDirectory: string;
    mirror?: string;
    force?: boolean;
    log: (line: string) => void;
}
export type BuildOutcome = "built" | "up-to-date";
export declare function buildImage(options: BuildImageOptions): Promise<BuildOutcome>;
/** The recipe hash an image was built from, or undefined when there is no such image. */
export declare function imageRecipe(docker: Docker, tag: string): Promise<string | undefined>;
/** The mirror apt on this host uses, so the build goes where this machine may go. */
export declare function debianMirror(): string;
