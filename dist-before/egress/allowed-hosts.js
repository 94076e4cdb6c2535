/**
 * Egress allow lists: exact host names (`api.github.com`) and wildcards
 * (`*.example.com`, which matches `a.example.com` and `a.b.example.com` but not
 * `example.com` itself). Names compare case-insensitively, without a trailing dot.
 */
export function isAllowedHost(host, allow) {
    const name = normalHost(host);
    return allow.some((entry) => {
        const pattern = normalHost(entry);
        if (!pattern.startsWith("*."))
            return name === pattern;
        const suffix = pattern.slice(1);
        return name.endsWith(suffix) && name.length > suffix.length;
    });
}
/** A host name in lower case, without the trailing dot of a fully qualified name or IPv6 brackets. */
export function normalHost(host) {
    return host
        .trim()
        .toLowerCase()
        .replace(/\.$/, "")
        .replace(/^\[(.*)\]$/, "$1");
}
//# sourceMappingURL=allowed-hosts.js.map