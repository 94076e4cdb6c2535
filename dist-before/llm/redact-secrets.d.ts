export declare const redactedMarker = "[redacted]";
/**
 * Replaces every occurrence of a secret (and of `Bearer <secret>`) with `[redacted]`
 * in a string, or in every string (keys included) of a JSON-able value. Other values
 * (numbers, class instances) are returned as they are.
 */
export declare function redactSecrets<Value>(value: Value, secrets: readonly string[]): Value;
export declare function redactText(text: string, secrets: readonly string[]): string;
