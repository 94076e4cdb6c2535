import { z } from "zod";
import type { Sandbox } from "../../../sandbox/sandbox-port.js";
/** Larger files are refused: the model should grep them or read slices with bash. */
export declare const maxReadFileBytes: number;
declare const inputSchema: z.ZodObject<{
    path: z.ZodString;
    offset_line: z.ZodOptional<z.ZodNumber>;
    limit_lines: z.ZodOptional<z.ZodNumber>;
}, z.core.$strip>;
export type ReadFileInput = z.infer<typeof inputSchema>;
export declare const readFileTool: import("./agent-tool.js").AgentTool<unknown>;
/** UTF-8 text, or undefined for binary data (a NUL byte, or bytes that are not UTF-8). */
export declare function decodeText(data: Uint8Array): string | undefined;
/** Why a path is not a readable regular file, asked inside the sandbox (no host lookups). */
export declare function describeUnreadable(sandbox: Sandbox, path: string): Promise<string>;
export {};
