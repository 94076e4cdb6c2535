export declare const maxPathLength = 1024;
/**
 * Validates a path that a user gave for a file inside a workspace and returns
 * it normalised (no `.` segments, no duplicate slashes). Refuses absolute
 * paths, `..` segments, NUL and control characters, and over-long paths, with
 * an error that names the field.
 */
export declare function validateRelativePath(path: unknown, field: string): string;
/** Quotes a string for a POSIX shell: the result is one word whatever it contains. */
export declare function shellQuote(value: string): string;
