import { environmentVariable } from "../config/load-config.js";
import { kernelDirectory } from "../runs/kernel-client.js";
import { detectLanguages, toolchainMounts } from "../runs/languages.js";
import { kernelMountPoint } from "../runs/notebooks.js";
import { BwrapProvider } from "../sandbox/bwrap/bwrap-provider.js";
import { commonProviderOptions } from "./provider-registration.js";
/**
 * bubblewrap on this host: sandboxes see the host's /usr, so the languages
 * offered are the host's toolchains; the session kernels and toolchains
 * outside /usr (rustup) are mounted read-only.
 */
export const bwrapRegistration = {
    name: "bwrap",
    create(config, options) {
        const mounts = toolchainMounts(environmentVariable("RUSTUP_HOME"));
        const provider = new BwrapProvider({
            ...commonProviderOptions(config, options),
            mounts: [{ source: kernelDirectory(), target: kernelMountPoint }, ...mounts],
            // A one-off command spawns once or twice: starting the spawn server would cost more.
            useSpawnServer: options.instance === undefined,
        });
        return { provider, detectLanguages: () => detectLanguages(mounts) };
    },
};
//# sourceMappingURL=bwrap-registration.js.map