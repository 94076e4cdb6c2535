/** Branded string ids: a SandboxId cannot be passed where a RunId is expected. */
export type Brand<T, Name extends string> = T & {
    readonly __brand: Name;
};
export type SandboxId = Brand<string, "SandboxId">;
export type RunId = Brand<string, "RunId">;
export type OwnerId = Brand<string, "OwnerId">;
/** A short random id with a readable prefix, e.g. `sbx_k3j9...`; 16 chars of base36 ≈ 82 bits. */
export declare function newId(prefix: string): string;
export declare const newSandboxId: () => SandboxId;
export declare const newRunId: () => RunId;
/** Ids that come from users (session ids) are bounded and plain so they are safe in paths and logs. */
export declare const userIdPattern: RegExp;
