import { HangarError } from "../core/errors.js";
/**
 * Pagination cursors are opaque to clients: base64url of the last item's
 * (createdAt, id). Keyset pagination stays correct while sandboxes are added
 * or removed between pages, which offsets would not.
 */
export function encodeCursor(position) {
    return Buffer.from(JSON.stringify([position.createdAt.getTime(), position.id]), "utf8").toString("base64url");
}
export function decodeCursor(cursor, field = "cursor") {
    const invalid = new HangarError("VALIDATION_FAILED", `${field} is not a cursor this server returned`, {
        field,
    });
    if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor))
        throw invalid;
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    }
    catch {
        throw invalid;
    }
    if (!Array.isArray(parsed) || parsed.length !== 2)
        throw invalid;
    const [time, id] = parsed;
    if (typeof time !== "number" || !Number.isSafeInteger(time) || typeof id !== "string" || id === "") {
        throw invalid;
    }
    return { createdAt: new Date(time), id };
}
//# sourceMappingURL=list-cursor.js.map