/** Headers that describe one connection, not the message, and never cross a proxy (RFC 9110 §7.6.1). */
const hopByHopHeaders = new Set([
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
]);
/** The end-to-end headers of a message, without the ones named in `dropped` or in its `Connection` header. */
export function endToEndHeaders(headers, dropped = []) {
    const skipped = new Set(dropped);
    const connection = headers.connection;
    if (typeof connection === "string") {
        for (const name of connection.split(","))
            skipped.add(name.trim().toLowerCase());
    }
    const kept = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value === undefined || hopByHopHeaders.has(name) || skipped.has(name))
            continue;
        kept[name] = value;
    }
    return kept;
}
//# sourceMappingURL=http-headers.js.map