import { z } from "zod";
declare const inputSchema: z.ZodObject<{
    language: z.ZodString;
    code: z.ZodString;
    stdin: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type RunCodeInput = z.infer<typeof inputSchema>;
export declare const runCodeTool: import("./agent-tool.js").AgentTool<unknown>;
export {};
