import { HangarError } from "./errors.js";
export const maxPathLength = 1024;
const maxSegmentLength = 255;
/**
 * Validates a path that a user gave for a file inside a workspace and returns
 * it normalised (no `.` segments, no duplicate slashes). Refuses absolute
 * paths, `..` segments, NUL and control characters, and over-long paths, with
 * an error that names the field.
 */
export function validateRelativePath(path, field) {
    if (typeof path !== "string" || path.length === 0) {
        throw invalid(field, "must be a non-empty string");
    }
    if (path.length > maxPathLength)
        throw invalid(field, `must be at most ${maxPathLength} characters`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(path))
        throw invalid(field, "must not contain NUL or control characters");
    if (path.startsWith("/") || path.startsWith("\\"))
        throw invalid(field, "must be relative, not absolute");
    const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
    if (segments.length === 0)
        throw invalid(field, "must name a file");
    for (const segment of segments) {
        if (segment === "..")
            throw invalid(field, "must not contain '..'");
        if (segment.length > maxSegmentLength) {
            throw invalid(field, `has a path segment over ${maxSegmentLength} characters`);
        }
    }
    return segments.join("/");
}
function invalid(field, problem) {
    return new HangarError("INVALID_PATH", `${field} ${problem}`, { field });
}
/** Quotes a string for a POSIX shell: the result is one word whatever it contains. */
export function shellQuote(value) {
    return `'${value.replaceAll("'", `'\\''`)}'`;
}
//# sourceMappingURL=paths.js.map