import type { RunRequest } from "./run-types.js";
/**
 * Semantic checks of a run request, shared by every front end (HTTP, CLI,
 * MCP). The HTTP layer's schema checks shapes; this checks meaning and
 * limits, and names the field that is wrong.
 */
export interface RunRequestLimits {
    maxCodeBytes: number;
    maxTimeoutMs: number;
    maxStdinBytes: number;
    maxFiles: number;
    maxFileBytes: number;
}
export interface ValidatedFile {
    path: string;
    data: Buffer;
}
export declare function validateRunRequest(request: RunRequest, limits: RunRequestLimits): ValidatedFile[];
