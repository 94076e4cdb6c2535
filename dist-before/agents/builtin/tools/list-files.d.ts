import { z } from "zod";
export declare const maxListedFiles = 1000;
declare const inputSchema: z.ZodObject<{
    pattern: z.ZodOptional<z.ZodString>;
    path: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type ListFilesInput = z.infer<typeof inputSchema>;
export declare const listFilesTool: import("./agent-tool.js").AgentTool<unknown>;
export {};
