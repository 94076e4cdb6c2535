/**
 * Egress allow lists: exact host names (`api.github.com`) and wildcards
 * (`*.example.com`, which matches `a.example.com` and `a.b.example.com` but not
 * `example.com` itself). Names compare case-insensitively, without a trailing dot.
 */
export declare function isAllowedHost(host: string, allow: readonly string[]): boolean;
/** A host name in lower case, without the trailing dot of a fully qualified name or IPv6 brackets. */
export declare function normalHost(host: string): string;
