import { errorMessage } from "../core/errors.js";
import { kernelImageLabel } from "../images/image-recipe.js";
import { kernelScriptsHash } from "../runs/kernel-client.js";
import { detectLanguagesInSandbox } from "../runs/languages.js";
import { DockerProvider } from "../sandbox/docker/docker-provider.js";
import { dockerStatus } from "../sandbox/docker/docker-status.js";
import { commonProviderOptions } from "./provider-registration.js";
/**
 * Containers of a Docker engine (DOCKER_HOST, like every Docker client) running
 * `sandbox.docker.image` unless a request names another. The image carries the
 * session kernels (`hangar image build` copies them to the bwrap mount point), so
 * the provider refuses an image built with other kernels.
 */
export const dockerRegistration = {
    name: "docker",
    create(config, options) {
        const provider = new DockerProvider({
            ...commonProviderOptions(config, options),
            defaultImage: config.sandbox.docker.image,
            requiredImageLabels: { [kernelImageLabel]: kernelScriptsHash() },
        });
        return { provider, detectLanguages: () => detectInImage(provider, options.limits, options.onError) };
    },
    hostStatus: (config) => dockerStatus(config.sandbox.docker.image),
};
/** One short-lived sandbox of the image answers for the image: its toolchains, its versions. */
async function detectInImage(provider, limits, onError) {
    const sandbox = await provider.create({
        owner: "hangar",
        limits,
        singleUse: true,
        labels: { "hangar.purpose": "language-probe" },
    });
    try {
        return await detectLanguagesInSandbox(sandbox);
    }
    finally {
        await sandbox.destroy().catch((error) => onError?.(`language probe: ${errorMessage(error)}`));
    }
}
//# sourceMappingURL=docker-registration.js.map