import type { SandboxPagePosition } from "./sandbox-repository.js";
/**
 * Pagination cursors are opaque to clients: base64url of the last item's
 * (createdAt, id). Keyset pagination stays correct while sandboxes are added
 * or removed between pages, which offsets would not.
 */
export declare function encodeCursor(position: SandboxPagePosition): string;
export declare function decodeCursor(cursor: string, field?: string): SandboxPagePosition;
