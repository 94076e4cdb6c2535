import { HangarError } from "../core/errors.js";
import type { SandboxCount, SandboxRecord } from "./sandbox-repository.js";
/** A managed sandbox as callers see it: its record plus when it will expire if left unused. */
export interface ManagedSandbox extends SandboxRecord {
    /** Set while live: the reaper removes it after this moment unless it is used again. */
    expiresAt?: Date;
}
export interface EnsureRequest {
    userId: string;
    projectId: string;
    /** Only for providers that run images; the provider's default when absent. */
    image?: string;
}
export interface EnsureResult {
    sandbox: ManagedSandbox;
    /** False when an existing live sandbox was returned. */
    created: boolean;
}
export interface ListRequest {
    /** 1 to 100; 100 when absent. */
    limit?: number;
    /** `nextCursor` of the previous page. */
    cursor?: string;
}
export interface SandboxPage {
    sandboxes: ManagedSandbox[];
    /** Absent on the last page. */
    nextCursor?: string;
}
export interface SandboxCounts {
    /** Every sandbox counted in `groups`. */
    total: number;
    live: number;
    groups: SandboxCount[];
}
export declare const maxListLimit = 100;
/** How a provider that runs images takes one (`SandboxProvider.images`); providers without images (bwrap) have none. */
export interface ImageSupport {
    defaultImage: string;
    /** Throws a HangarError naming `image` (and how to build it) when it cannot be used. */
    check?(image: string): Promise<void> | void;
}
/** The service validates too (not only the HTTP schema): the CLI and agent sessions call it directly. */
export declare function validateIdentifier(value: unknown, field: string): string;
export declare function validateLimit(limit: number | undefined): number;
/** The lock key of everything that creates or destroys the sandbox of one (owner, user, project). */
export declare function sandboxKey(record: Pick<SandboxRecord, "owner" | "userId" | "projectId" | "id">): string;
/** The image a new sandbox runs: the requested one, the provider's default, or none (bwrap). */
export declare function chooseImage(images: ImageSupport | undefined, image: string | undefined, providerName: string): Promise<string | undefined>;
export declare function quotaError(what: string, limit: string, value: number): HangarError;
