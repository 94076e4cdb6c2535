import { totalmem } from "node:os";
import { agentDirectories } from "./hangar-package.js";
import { MemoryAdmission } from "../sandbox/memory-admission.js";
/** The options every provider built on the sandbox kit takes the same way. */
export function commonProviderOptions(config, options) {
    return {
        dataDirectory: options.dataDirectory,
        ...(config.projects_dir === undefined ? {} : { workspacesDirectory: config.projects_dir }),
        poolSize: options.poolSize ?? config.sandbox.pool_size,
        poolLimits: options.limits,
        admission: memoryAdmission(config.sandbox.max_memory_share),
        agentDirectories: agentDirectories(config, options.dataDirectory),
        ...(options.instance === undefined ? {} : { instance: options.instance }),
        ...(options.onError === undefined ? {} : { onError: options.onError }),
    };
}
/** The cap on the RAM live persistent sandboxes may hold: `sandbox.max_memory_share` of this host's. */
export function memoryAdmission(share, hostBytes = totalmem()) {
    const gibibytes = (hostBytes / 1024 ** 3).toFixed(1);
    return new MemoryAdmission({
        capBytes: Math.floor(share * hostBytes),
        capSource: `sandbox.max_memory_share = ${share} of this host's ${gibibytes} GiB`,
    });
}
//# sourceMappingURL=provider-registration.js.map