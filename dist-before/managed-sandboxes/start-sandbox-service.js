import { errorMessage } from "../core/errors.js";
import { reconcileSandboxes } from "./reconcile.js";
import { SandboxService } from "./sandbox-service.js";
/** Largest file the files API reads or writes in one request. */
export const maxSandboxFileBytes = 1024 * 1024;
/**
 * Builds the sandbox service for the composition root: reconciles the store
 * with the provider first (so nothing uses a sandbox that is gone, and orphans
 * are freed), then starts the idle reaper (unref'd: it never keeps a process alive).
 */
export async function startSandboxService(options) {
    const { config, provider, records, logger } = options;
    let reconciled;
    if (options.ownsDataDirectory) {
        try {
            reconciled = await reconcileSandboxes(provider, records, {
                onError: (message) => logger.warn(message),
            });
            logger.info({
                adopted: reconciled.adopted.length,
                gone: reconciled.gone.length,
                orphans: reconciled.orphans.length,
            }, "sandboxes reconciled with the provider");
        }
        catch (error) {
            logger.error(`cannot reconcile sandboxes with the ${provider.name} provider: ${errorMessage(error)}`);
        }
    }
    const service = new SandboxService({
        provider,
        records,
        limits: options.limits,
        idleTtlMs: config.sandboxes.idle_ttl_seconds * 1000,
        maxPerOwner: config.sandboxes.max_per_owner,
        maxTotal: config.sandboxes.max_total,
        reaperIntervalMs: config.sandboxes.reaper_interval_seconds * 1000,
        maxFileBytes: maxSandboxFileBytes,
        ...(options.images === undefined ? {} : { images: options.images }),
        onError: (message) => logger.warn(message),
    });
    if (options.ownsDataDirectory)
        service.startReaper();
    return { service, reconciled };
}
//# sourceMappingURL=start-sandbox-service.js.map