import { z } from "zod";
import { statusForCode } from "./error-handler.js";
import { nameSchema } from "./openapi-components.js";
/**
 * The error answers a route documents: one response per HTTP status, whose
 * body is the shared `{error: {code, message, field?}}` with `code` narrowed to
 * the codes that route can answer with that status. A generated client then
 * knows, per operation and status, which codes to expect.
 *
 * Documentation only: `sendError` serialises error bodies itself, so a code a
 * route forgot to list still reaches the caller instead of becoming a 500.
 */
/** What any request can be answered with, before or around its handler. */
export const baseErrorCodes = [
    "BAD_REQUEST",
    "TOO_MANY_REQUESTS",
    "INTERNAL",
    "SHUTTING_DOWN",
];
/** A request with a JSON body: unparsable, wrong media type, too big or invalid. */
export const jsonBodyErrorCodes = [
    "INVALID_JSON",
    "UNSUPPORTED_MEDIA_TYPE",
    "PAYLOAD_TOO_LARGE",
    "VALIDATION_FAILED",
];
const statusOf = (code) => code === "UNSUPPORTED_MEDIA_TYPE" ? 415 : statusForCode[code];
function createErrorBodySchema(codes) {
    return z
        .object({
        error: z.object({
            code: z.enum(codes),
            message: z.string(),
            field: z.string().optional().describe("The request field at fault, when one is"),
        }),
    })
        .describe(codes.join(", "));
}
const bodiesByCodes = new Map();
/**
 * One schema per set of codes. A single code's body is a named component
 * (`UnauthorizedError`, `ShuttingDownError`...): most routes answer 401, 429,
 * 500 and 503 alike, and one `$ref` each keeps the document from repeating them.
 */
function errorBodySchema(codes) {
    const key = codes.join(",");
    const known = bodiesByCodes.get(key);
    if (known !== undefined)
        return known;
    const schema = createErrorBodySchema(codes);
    bodiesByCodes.set(key, schema);
    if (codes.length === 1)
        nameSchema(schema, `${pascalCase(codes[0])}Error`);
    return schema;
}
/** `SHUTTING_DOWN` → `ShuttingDown`. */
function pascalCase(code) {
    return code
        .toLowerCase()
        .split("_")
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join("");
}
function responsesFor(codes) {
    const byStatus = new Map();
    for (const code of new Set(codes)) {
        const status = statusOf(code);
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const responses = {};
    for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
        const [first, ...rest] = group;
        if (first !== undefined)
            responses[String(status)] = errorBodySchema([first, ...rest]);
    }
    return responses;
}
/** The error responses of a route that needs an API key (when keys are configured). */
export function errorResponses(...codes) {
    return responsesFor([...baseErrorCodes, "UNAUTHORIZED", ...codes]);
}
/** The error responses of a route served without a key. */
export function publicErrorResponses(...codes) {
    return responsesFor([...baseErrorCodes, ...codes]);
}
//# sourceMappingURL=error-responses.js.map