import { z } from "zod";
declare const inputSchema: z.ZodObject<{
    path: z.ZodString;
    old_text: z.ZodString;
    new_text: z.ZodString;
    replace_all: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strip>;
export type EditFileInput = z.infer<typeof inputSchema>;
export declare const editFileTool: import("./agent-tool.js").AgentTool<unknown>;
/** Start offsets of non-overlapping occurrences, left to right (as a replacement sees them). */
export declare function occurrences(text: string, search: string): number[];
export {};
