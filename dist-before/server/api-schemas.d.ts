import { z } from "zod";
/**
 * Zod schemas of the HTTP API. They validate requests, serialise responses and
 * are the source of the OpenAPI document, so field names follow the
 * Coderunner-compatible wire format (camelCase), not the config's snake_case.
 * The shapes clients share live in `protocol/`; these are the server-only ones
 * (status, isolation). Error answers are documented by error-responses.ts.
 */
export declare const runServiceStatsSchema: z.ZodObject<{
    running: z.ZodNumber;
    queued: z.ZodNumber;
    maxConcurrent: z.ZodNumber;
    maxQueue: z.ZodNumber;
    sessions: z.ZodNumber;
    sandboxesActive: z.ZodNumber;
    poolReady: z.ZodNumber;
}, z.core.$strip>;
export declare const isolationReportSchema: z.ZodObject<{
    ok: z.ZodBoolean;
    probes: z.ZodArray<z.ZodObject<{
        name: z.ZodString;
        ok: z.ZodBoolean;
        detail: z.ZodString;
    }, z.core.$strip>>;
    enforced: z.ZodRecord<z.ZodString, z.ZodBoolean>;
}, z.core.$strip>;
