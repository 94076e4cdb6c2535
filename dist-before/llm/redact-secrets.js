export const redactedMarker = "[redacted]";
/**
 * Secrets shorter than this are not redacted: a one- or two-letter "key" (a placeholder
 * for a local server that checks nothing) would otherwise blank every matching letter
 * of a message, and protects nothing worth hiding.
 */
const minimumSecretLength = 4;
/**
 * Replaces every occurrence of a secret (and of `Bearer <secret>`) with `[redacted]`
 * in a string, or in every string (keys included) of a JSON-able value. Other values
 * (numbers, class instances) are returned as they are.
 */
export function redactSecrets(value, secrets) {
    const pattern = secretPattern(secrets);
    if (pattern === undefined)
        return value;
    return redactValue(value, pattern, new WeakMap());
}
export function redactText(text, secrets) {
    const pattern = secretPattern(secrets);
    return pattern === undefined ? text : text.replace(pattern, redactedMarker);
}
function secretPattern(secrets) {
    const usable = [...new Set(secrets)].filter((secret) => secret.length >= minimumSecretLength);
    if (usable.length === 0)
        return undefined;
    // Longest first, so a secret that contains another is replaced whole.
    usable.sort((left, right) => right.length - left.length);
    const alternatives = usable.map(escapeRegExp).join("|");
    return new RegExp(`(?:Bearer\\s+)?(?:${alternatives})`, "g");
}
function redactValue(value, pattern, seen) {
    if (typeof value === "string")
        return value.replace(pattern, redactedMarker);
    if (typeof value !== "object" || value === null)
        return value;
    const known = seen.get(value);
    if (known !== undefined)
        return known;
    if (Array.isArray(value)) {
        const copy = [];
        seen.set(value, copy);
        for (const item of value)
            copy.push(redactValue(item, pattern, seen));
        return copy;
    }
    if (!isPlainObject(value))
        return value;
    const copy = {};
    seen.set(value, copy);
    for (const [key, item] of Object.entries(value)) {
        copy[key.replace(pattern, redactedMarker)] = redactValue(item, pattern, seen);
    }
    return copy;
}
function isPlainObject(value) {
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
//# sourceMappingURL=redact-secrets.js.map