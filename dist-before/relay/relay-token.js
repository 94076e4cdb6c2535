import { createHash, randomBytes } from "node:crypto";
/** Marks Hangar relay tokens, so a leaked one is recognisable (and never mistaken for a provider key). */
const tokenPrefix = "hgr_";
/** A new relay token: 32 random bytes, base64url, after `hgr_`. */
export function createRelayToken() {
    return `${tokenPrefix}${randomBytes(32).toString("base64url")}`;
}
/** What the relay keeps (and a store may persist) instead of the token: its SHA-256, hex. */
export function hashRelayToken(token) {
    return createHash("sha256").update(token).digest("hex");
}
//# sourceMappingURL=relay-token.js.map