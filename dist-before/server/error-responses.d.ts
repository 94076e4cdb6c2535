import { z } from "zod";
import { type ResponseErrorCode } from "./error-handler.js";
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
export declare const baseErrorCodes: readonly ["BAD_REQUEST", "TOO_MANY_REQUESTS", "INTERNAL", "SHUTTING_DOWN"];
/** A request with a JSON body: unparsable, wrong media type, too big or invalid. */
export declare const jsonBodyErrorCodes: readonly ["INVALID_JSON", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "VALIDATION_FAILED"];
declare function createErrorBodySchema(codes: readonly [ResponseErrorCode, ...ResponseErrorCode[]]): z.ZodObject<{
    error: z.ZodObject<{
        code: z.ZodEnum<{
            BAD_REQUEST: "BAD_REQUEST";
            INVALID_JSON: "INVALID_JSON";
            VALIDATION_FAILED: "VALIDATION_FAILED";
            UNKNOWN_LANGUAGE: "UNKNOWN_LANGUAGE";
            INVALID_PATH: "INVALID_PATH";
            PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE";
            UNAUTHORIZED: "UNAUTHORIZED";
            FORBIDDEN: "FORBIDDEN";
            NOT_FOUND: "NOT_FOUND";
            SESSION_NOT_FOUND: "SESSION_NOT_FOUND";
            SESSION_BUSY: "SESSION_BUSY";
            TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS";
            QUOTA_EXCEEDED: "QUOTA_EXCEEDED";
            AGENT_STEP_LIMIT: "AGENT_STEP_LIMIT";
            AGENT_FAILED: "AGENT_FAILED";
            CONFLICT: "CONFLICT";
            AGENT_NOT_INSTALLED: "AGENT_NOT_INSTALLED";
            UNKNOWN_MODEL: "UNKNOWN_MODEL";
            MISSING_API_KEY: "MISSING_API_KEY";
            MODEL_ERROR: "MODEL_ERROR";
            CONFIG_INVALID: "CONFIG_INVALID";
            ISOLATION_UNAVAILABLE: "ISOLATION_UNAVAILABLE";
            ENGINE_UNAVAILABLE: "ENGINE_UNAVAILABLE";
            SANDBOX_ERROR: "SANDBOX_ERROR";
            SANDBOX_GONE: "SANDBOX_GONE";
            SHUTTING_DOWN: "SHUTTING_DOWN";
            CAPACITY: "CAPACITY";
            INTERNAL: "INTERNAL";
            UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE";
        }>;
        message: z.ZodString;
        field: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
}, z.core.$strip>;
export type ErrorResponseSchemas = Record<`${4 | 5}${number}`, ReturnType<typeof createErrorBodySchema>>;
/** The error responses of a route that needs an API key (when keys are configured). */
export declare function errorResponses(...codes: readonly ResponseErrorCode[]): ErrorResponseSchemas;
/** The error responses of a route served without a key. */
export declare function publicErrorResponses(...codes: readonly ResponseErrorCode[]): ErrorResponseSchemas;
export {};
