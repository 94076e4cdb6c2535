import { z } from "zod";
declare const inputSchema: z.ZodObject<{
    question: z.ZodString;
    choices: z.ZodOptional<z.ZodArray<z.ZodString>>;
}, z.core.$strip>;
export type AskUserInput = z.infer<typeof inputSchema>;
export declare const askUserTool: import("./agent-tool.js").AgentTool<unknown>;
export {};
