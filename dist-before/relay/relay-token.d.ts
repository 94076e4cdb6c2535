/** A new relay token: 32 random bytes, base64url, after `hgr_`. */
export declare function createRelayToken(): string;
/** What the relay keeps (and a store may persist) instead of the token: its SHA-256, hex. */
export declare function hashRelayToken(token: string): string;
