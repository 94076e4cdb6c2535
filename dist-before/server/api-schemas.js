import { z } from "zod";
/**
 * Zod schemas of the HTTP API. They validate requests, serialise responses and
 * are the source of the OpenAPI document, so field names follow the
 * Coderunner-compatible wire format (camelCase), not the config's snake_case.
 * The shapes clients share live in `protocol/`; these are the server-only ones
 * (status, isolation). Error answers are documented by error-responses.ts.
 */
export const runServiceStatsSchema = z.object({
    running: z.number().int(),
    queued: z.number().int(),
    maxConcurrent: z.number().int(),
    maxQueue: z.number().int(),
    sessions: z.number().int(),
    sandboxesActive: z.number().int(),
    poolReady: z.number().int(),
});
export const isolationReportSchema = z.object({
    ok: z.boolean(),
    probes: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
    enforced: z.record(z.string(), z.boolean()),
});
//# sourceMappingURL=api-schemas.js.map