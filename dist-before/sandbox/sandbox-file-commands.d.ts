import type { FileEntry, Sandbox, SandboxProcess } from "./sandbox-port.js";
export declare function readFileInside(sandbox: Pick<Sandbox, "spawn">, path: string, maxBytes: number): Promise<Uint8Array | undefined>;
/** Whether anything (a file, directory, FIFO, socket, device or link) exists at `path` in the sandbox. */
export declare function existsInside(sandbox: Pick<Sandbox, "spawn">, path: string): Promise<boolean>;
export declare function listFilesInside(sandbox: Pick<Sandbox, "spawn">, path: string, maxEntries?: number): Promise<FileEntry[]>;
export declare function collect(stream: SandboxProcess["stdout"]): Promise<Uint8Array>;
/**
 * Runs `/bin/true` so the provider's launch script writes every staged file
 * from inside the sandbox, and says which file failed and why when one does.
 * `shellPrefix` strips the provider's own shell prefix from the message
 * ("/.hangar/launch: 3: cannot create leak: Read-only file system").
 */
export declare function writeStagedFiles(sandbox: Pick<Sandbox, "spawn">, shellPrefix: RegExp): Promise<void>;
