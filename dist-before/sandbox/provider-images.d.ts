import { HangarError } from "../core/errors.js";
/**
 * Images a provider creates sandboxes of (Docker). Providers whose sandboxes
 * run the host's own toolchains (bubblewrap) have none and refuse a spec that
 * names one.
 */
export interface ProviderImages {
    /** What a spec without `image` gets. */
    readonly defaultImage: string;
    /** Throws a HangarError naming the field `image` (and how to build it) when the image cannot be used. */
    check(image: string): Promise<void>;
}
export declare function imagesUnsupportedError(providerName: string): HangarError;
