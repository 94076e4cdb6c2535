import type { EnsureSandboxResponse, Sandbox, SandboxCounts, SandboxFileList, SandboxPage, WrittenFile } from "../../protocol/index.js";
import type { HttpTransport } from "../http-transport.js";
/** Managed sandboxes: one per owner, user and project, with a workspace that lasts. */
export interface EnsureSandboxOptions {
    userId: string;
    projectId: string;
    /** Docker: the image to run; the provider's default when absent. */
    image?: string;
    signal?: AbortSignal;
}
export interface ListSandboxesOptions {
    /** 1-1000, 100 by default. */
    limit?: number;
    /** The `next_cursor` of the previous page. */
    cursor?: string;
    signal?: AbortSignal;
}
export declare class SandboxesApi {
    #private;
    readonly files: SandboxFilesApi;
    constructor(transport: HttpTransport);
    /** Gets the live sandbox of the user and project, creating it if needed (`created` says which). */
    ensure(options: EnsureSandboxOptions): Promise<EnsureSandboxResponse>;
    list(options?: ListSandboxesOptions): Promise<SandboxPage>;
    count(signal?: AbortSignal): Promise<SandboxCounts>;
    get(id: string, signal?: AbortSignal): Promise<Sandbox>;
    /** Removes the sandbox and its files. */
    delete(id: string, signal?: AbortSignal): Promise<void>;
}
/** Files in a sandbox's workspace; paths are relative to it. */
export declare class SandboxFilesApi {
    #private;
    constructor(transport: HttpTransport);
    /** The file as UTF-8 text. */
    read(id: string, path: string, signal?: AbortSignal): Promise<string>;
    readBytes(id: string, path: string, signal?: AbortSignal): Promise<Uint8Array>;
    /** Writes the file (text as UTF-8), creating missing directories. */
    write(id: string, path: string, content: string | Uint8Array, signal?: AbortSignal): Promise<WrittenFile>;
    /** The entries under a directory (the workspace when `path` is absent), 16 levels deep at most. */
    list(id: string, path?: string, signal?: AbortSignal): Promise<SandboxFileList>;
}
