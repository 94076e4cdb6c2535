import { z } from "zod";
declare const inputSchema: z.ZodObject<{
    path: z.ZodString;
    content: z.ZodString;
}, z.core.$strip>;
export type WriteFileInput = z.infer<typeof inputSchema>;
export declare const writeFileTool: import("./agent-tool.js").AgentTool<unknown>;
export {};
