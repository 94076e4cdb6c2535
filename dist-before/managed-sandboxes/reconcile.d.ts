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
export declare const lostOnRestartReason = "lost: the provider no longer had it when Hangar started";
/**
 * Makes the store and the provider agree at start-up, before anything else
 * uses the provider: the store says which sandboxes should exist, the
 * provider says which do. Only this provider's records are touched; records
 * of another provider are found gone when they are next used.
 */
export declare function reconcileSandboxes(provider: SandboxProvider, records: SandboxRepository, options?: ReconcileOptions): Promise<ReconcileReport>;
