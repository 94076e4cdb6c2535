import type { FileEntry, Sandbox, SandboxLimits, SandboxProvider } from "../sandbox/sandbox-port.js";
import type { SandboxRepository } from "./sandbox-repository.js";
import { type EnsureRequest, type EnsureResult, type ImageSupport, type ListRequest, type ManagedSandbox, type SandboxCounts, type SandboxPage } from "./sandbox-types.js";
export interface SandboxServiceOptions {
    provider: SandboxProvider;
    records: SandboxRepository;
    /** Limits every managed sandbox is created with. */
    limits: SandboxLimits;
    idleTtlMs: number;
    maxPerOwner: number;
    maxTotal: number;
    /** How often the reaper looks for idle sandboxes; it starts with `startReaper()`. */
    reaperIntervalMs: number;
    /** Largest file read or written through the files API. */
    maxFileBytes: number;
    /** The provider's own `images` by default; absent when it has none (bwrap runs the host's toolchains). */
    images?: ImageSupport;
    now?: () => Date;
    onError?: (message: string) => void;
}
/**
 * Long-lived sandboxes that belong to an owner and a (user, project) pair and
 * keep their workspace until removed or idle for too long. The store is the
 * source of truth for what exists; the provider holds the sandboxes themselves.
 */
export declare class SandboxService {
    #private;
    constructor(options: SandboxServiceOptions);
    get providerName(): string;
    get maxFileBytes(): number;
    /** The live sandbox of (owner, user, project), created if there is none; one even under concurrent calls. */
    ensure(owner: string, request: EnsureRequest): Promise<EnsureResult>;
    list(owner: string, request?: ListRequest): Promise<SandboxPage>;
    count(owner: string): Promise<SandboxCounts>;
    /** Another owner's sandbox, or a removed one, answers exactly like a missing one. */
    get(owner: string, id: string): Promise<ManagedSandbox>;
    /** The live sandbox itself, for services that work inside it (agent sessions); counts as a use. */
    open(owner: string, id: string): Promise<Sandbox>;
    remove(owner: string, id: string): Promise<void>;
    /** Files below `path` of the workspace (all of it when path is absent or empty). */
    listFiles(owner: string, id: string, path?: string): Promise<FileEntry[]>;
    /** At most maxFileBytes, else PAYLOAD_TOO_LARGE; a missing file is NOT_FOUND. */
    readFile(owner: string, id: string, path: string): Promise<Uint8Array>;
    writeFile(owner: string, id: string, path: string, content: Uint8Array): Promise<void>;
    /** Removes every live sandbox unused for longer than the idle TTL; returns how many. */
    reapExpired(): Promise<number>;
    /** Reaps expired sandboxes, then forgets every gone and removed record. */
    prune(): Promise<{
        expired: number;
        forgotten: number;
    }>;
    startReaper(): void;
    /** Stops the reaper; sandboxes stay (they outlive the server when the provider allows). */
    stop(): Promise<void>;
}
