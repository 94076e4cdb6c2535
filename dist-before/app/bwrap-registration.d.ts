import { type ProviderRegistration } from "./provider-registration.js";
/**
 * bubblewrap on this host: sandboxes see the host's /usr, so the languages
 * offered are the host's toolchains; the session kernels and toolchains
 * outside /usr (rustup) are mounted read-only.
 */
export declare const bwrapRegistration: ProviderRegistration;
