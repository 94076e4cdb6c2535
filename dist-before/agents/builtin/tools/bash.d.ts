import { z } from "zod";
declare const inputSchema: z.ZodObject<{
    command: z.ZodString;
    timeout_seconds: z.ZodOptional<z.ZodNumber>;
}, z.core.$strip>;
export type BashInput = z.infer<typeof inputSchema>;
export declare const bashTool: import("./agent-tool.js").AgentTool<unknown>;
export {};
