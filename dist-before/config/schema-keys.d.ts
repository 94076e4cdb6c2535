import type { z } from "zod";
/**
 * The keys an object schema knows at `path` (through records: any key there
 * names an entry), for "did you mean" on an unknown key; undefined when the
 * path does not lead to an object.
 */
export declare function keysAt(schema: z.ZodType, path: readonly string[]): string[] | undefined;
