import type { FileEntry, Sandbox } from "../sandbox/sandbox-port.js";
export interface SandboxFilesOptions {
    /** The owner's live sandbox; throws NOT_FOUND or SANDBOX_GONE. */
    resolve(owner: string, id: string): Promise<Sandbox>;
    /** Records a use, so a sandbox in use does not expire. */
    touch(id: string): Promise<void>;
    maxFileBytes: number;
}
/**
 * The files of a managed sandbox. Every operation goes through the Sandbox
 * port, whose file methods act inside the sandbox: a symlink planted in the
 * workspace resolves in the sandbox's own view and can never reach a host file.
 * Paths are validated relative paths, so `..`, absolute paths and NUL never get there.
 */
export declare class SandboxFiles {
    private readonly options;
    constructor(options: SandboxFilesOptions);
    /** Everything below `path` (the workspace when absent, empty or `.`), up to 16 levels deep. */
    list(owner: string, id: string, path: string | undefined): Promise<FileEntry[]>;
    read(owner: string, id: string, path: string): Promise<Uint8Array>;
    write(owner: string, id: string, path: string, content: Uint8Array): Promise<void>;
}
