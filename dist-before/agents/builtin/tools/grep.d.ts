import { z } from "zod";
export declare const maxGrepMatches = 500;
declare const inputSchema: z.ZodObject<{
    pattern: z.ZodString;
    path: z.ZodOptional<z.ZodString>;
    glob: z.ZodOptional<z.ZodString>;
    ignore_case: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strip>;
export type GrepInput = z.infer<typeof inputSchema>;
export declare const grepTool: import("./agent-tool.js").AgentTool<unknown>;
export {};
