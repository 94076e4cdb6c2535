import type { Config } from "../config/config-schema.js";
import type { SandboxLimits, SandboxProvider } from "../sandbox/sandbox-port.js";
import { type ReconcileReport } from "./reconcile.js";
import type { SandboxRepository } from "./sandbox-repository.js";
import { SandboxService } from "./sandbox-service.js";
import type { ImageSupport } from "./sandbox-types.js";
/** Largest file the files API reads or writes in one request. */
export declare const maxSandboxFileBytes: number;
export interface StartSandboxServiceOptions {
    config: Config;
    provider: SandboxProvider;
    records: SandboxRepository;
    limits: SandboxLimits;
    images?: ImageSupport;
    /**
     * False for a one-off command beside a server: reconciling would mark the
     * server's sandboxes gone (they are not in this process's provider instance)
     * and the reaper would expire them; only the data directory's owner does either.
     */
    ownsDataDirectory: boolean;
    logger: {
        info(object: object, message: string): void;
        warn(message: string): void;
        error(message: string): void;
    };
}
export interface StartedSandboxService {
    service: SandboxService;
    /** Undefined when reconciliation itself failed (logged); the service then finds gone sandboxes on use. */
    reconciled: ReconcileReport | undefined;
}
/**
 * Builds the sandbox service for the composition root: reconciles the store
 * with the provider first (so nothing uses a sandbox that is gone, and orphans
 * are freed), then starts the idle reaper (unref'd: it never keeps a process alive).
 */
export declare function startSandboxService(options: StartSandboxServiceOptions): Promise<StartedSandboxService>;
