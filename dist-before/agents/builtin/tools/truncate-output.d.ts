/**
 * Cuts tool output to what the model may read. The head shows what a command
 * started with and the tail how it ended (the failing test, the final error),
 * so both are kept and the middle goes, with a note saying how much.
 */
export declare function truncateOutput(text: string, maxChars: number): string;
/** Shortens one line (a grep match, a minified file) and says how much was left out. */
export declare function truncateLine(line: string, maxChars: number): string;
export declare function formatCount(count: number): string;
