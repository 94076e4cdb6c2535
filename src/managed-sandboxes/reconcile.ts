import { errorMessage } from "../core/errors.js";
import type { SandboxId } from "../core/ids.js";
import type { SandboxProvider } from "../sandbox/sandbox-port.js";
import type { SandboxRepository } from "./sandbox-repository.js";

export interface ReconcileReport {
  /** Known to the store and alive in the provider: in use again. */
  adopted: string[];
  /** Known to the store but no longer in the provider: marked gone. */
  gone: string[];
  /** In the provider but unknown to the store (or no longer live there): destroyed. */
  orphans: string[];
  /** Orphans that could not be destroyed, with why; they are tried again next start. */
  failures: string[];
}

export interface ReconcileOptions {
  onError?: (message: string) => void;
}

export const lostOnRestartReason = "lost: the provider no longer had it when Hangar started";

/**
 * Makes the store and the provider agree at start-up, before anything else
 * uses the provider: the store says which sandboxes should exist, the
 * provider says which do. Only this provider's records are touched; records
 * of another provider are found gone when they are next used.
 */
export async function reconcileSandboxes(
  provider: SandboxProvider,
  records: SandboxRepository,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { adopted: [], gone: [], orphans: [], failures: [] };
  const known = new Set<string>();
  for (const record of await records.listLive(provider.name)) {
    const sandbox = await provider.find(record.id as SandboxId);
    if (sandbox !== undefined && (await sandbox.isAlive())) {
      known.add(record.id);
      report.adopted.push(record.id);
    } else {
      await records.markGone(record.id, lostOnRestartReason);
      report.gone.push(record.id);
    }
  }
  for (const info of await provider.list()) {
    if (known.has(info.id)) continue;
    try {
      const sandbox = await provider.find(info.id);
      await sandbox?.destroy();
      report.orphans.push(info.id);
    } catch (error) {
      const message = `cannot remove orphan sandbox ${info.id}: ${errorMessage(error)}`;
      report.failures.push(message);
      options.onError?.(message);
    }
  }
  return report;
}
