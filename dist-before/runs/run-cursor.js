import { HangarError } from "../core/errors.js";
/**
 * The `cursor` of `GET /runs`: where the previous page ended (its last run's
 * time and id), opaque to clients (base64url) so its form may change.
 */
export function encodeRunCursor(last) {
    return Buffer.from(JSON.stringify([last.createdAt.getTime(), last.id])).toString("base64url");
}
export function decodeRunCursor(cursor) {
    let decoded;
    try {
        decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    }
    catch {
        decoded = undefined;
    }
    if (!Array.isArray(decoded) ||
        decoded.length !== 2 ||
        !Number.isSafeInteger(decoded[0]) ||
        decoded[0] < 0 ||
        typeof decoded[1] !== "string" ||
        decoded[1].length > 128) {
        throw new HangarError("VALIDATION_FAILED", "cursor is not a nextCursor this server gave out", {
            field: "cursor",
        });
    }
    return { createdAt: new Date(decoded[0]), id: decoded[1] };
}
//# sourceMappingURL=run-cursor.js.map