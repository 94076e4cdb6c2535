import { errorMessage } from "../core/errors.js";
export const lostOnRestartReason = "lost: the provider no longer had it when Hangar started";
/**
 * Makes the store and the provider agree at start-up, before anything else
 * uses the provider: the store says which sandboxes should exist, the
 * provider says which do. Only this provider's records are touched; records
 * of another provider are found gone when they are next used.
 */
export async function reconcileSandboxes(provider, records, options = {}) {
    const report = { adopted: [], gone: [], orphans: [], failures: [] };
    const known = new Set();
    for (const record of await records.listLive(provider.name)) {
        const sandbox = await provider.find(record.id);
        if (sandbox !== undefined && (await sandbox.isAlive())) {
            known.add(record.id);
            report.adopted.push(record.id);
        }
        else {
            await records.markGone(record.id, lostOnRestartReason);
            report.gone.push(record.id);
        }
    }
    for (const info of await provider.list()) {
        if (known.has(info.id))
            continue;
        try {
            const sandbox = await provider.find(info.id);
            await sandbox?.destroy();
            report.orphans.push(info.id);
        }
        catch (error) {
            const message = `cannot remove orphan sandbox ${info.id}: ${errorMessage(error)}`;
            report.failures.push(message);
            options.onError?.(message);
        }
    }
    return report;
}
//# sourceMappingURL=reconcile.js.map