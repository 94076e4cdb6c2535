import type { Config } from "../config/config-schema.js";
import type { AvailableLanguage } from "../runs/languages.js";
import { MemoryAdmission } from "../sandbox/memory-admission.js";
import type { SandboxLimits, SandboxProvider } from "../sandbox/sandbox-port.js";
/** What the server reports about its provider (`/status`, metrics), whichever it is. */
export interface ProviderStats {
    /** Sandboxes handed out and not destroyed yet. */
    readonly activeCount: number;
    /** Pre-started single-use sandboxes waiting for a run. */
    readonly poolReady: number;
}
export interface ServerProvider extends SandboxProvider, ProviderStats {
}
export interface ProviderSetup {
    provider: ServerProvider;
    /** The languages this provider's sandboxes can run, with their versions; call after `start()`. */
    detectLanguages: () => Promise<AvailableLanguage[]>;
}
export interface CreateProviderOptions {
    dataDirectory: string;
    limits: SandboxLimits;
    /** Pre-started single-use sandboxes; the config's pool size by default. */
    poolSize?: number;
    /** A one-off command's own instance, so it never reaps a running server's sandboxes. */
    instance?: string;
    onError?: (message: string) => void;
}
/** One line of `hangar doctor` about a provider's host prerequisites. */
export interface HostStatus {
    ok: boolean;
    detail: string;
}
/**
 * A sandbox provider the app can be configured with (`sandbox.provider`).
 * Adding one is this object in one file plus its line in `provider-registry.ts`.
 */
export interface ProviderRegistration {
    /** The value of `sandbox.provider` (env HANGAR_PROVIDER, `hangar serve --provider`). */
    readonly name: string;
    /**
     * Builds the provider; nothing is started here: `provider.start()` checks the
     * prerequisites and fails with an error that says what to do.
     */
    create(config: Config, options: CreateProviderOptions): ProviderSetup;
    /** What `hangar doctor` reports about this provider's host, whichever provider is configured. */
    hostStatus?(config: Config): Promise<HostStatus>;
}
/** The options every provider built on the sandbox kit takes the same way. */
export declare function commonProviderOptions(config: Config, options: CreateProviderOptions): {
    onError?: ((message: string) => void) | undefined;
    instance?: string | undefined;
    poolSize: number;
    poolLimits: SandboxLimits;
    admission: MemoryAdmission;
    agentDirectories: import("../sandbox/agent-mounts.js").AgentDirectories;
    workspacesDirectory?: string | undefined;
    dataDirectory: string;
};
/** The cap on the RAM live persistent sandboxes may hold: `sandbox.max_memory_share` of this host's. */
export declare function memoryAdmission(share: number, hostBytes?: number): MemoryAdmission;
