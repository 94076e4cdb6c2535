import { type ProviderRegistration } from "./provider-registration.js";
/**
 * Containers of a Docker engine (DOCKER_HOST, like every Docker client) running
 * `sandbox.docker.image` unless a request names another. The image carries the
 * session kernels (`hangar image build` copies them to the bwrap mount point), so
 * the provider refuses an image built with other kernels.
 */
export declare const dockerRegistration: ProviderRegistration;
