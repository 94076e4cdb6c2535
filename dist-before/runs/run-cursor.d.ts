import type { RunCursor } from "./run-repository.js";
/**
 * The `cursor` of `GET /runs`: where the previous page ended (its last run's
 * time and id), opaque to clients (base64url) so its form may change.
 */
export declare function encodeRunCursor(last: {
    createdAt: Date;
    id: string;
}): string;
export declare function decodeRunCursor(cursor: string): RunCursor;
