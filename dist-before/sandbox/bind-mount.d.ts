/**
 * A host directory a sandbox sees read-only at `target`: Hangar's session
 * kernels, toolchains outside /usr. Providers that run the host's toolchains
 * (bubblewrap) mount them; image-based ones carry the same paths in the image.
 */
export interface BindMount {
    source: string;
    target: string;
}
