import type { FastifySchemaValidationError } from "fastify";
/**
 * Turns the first schema validation issue into the `field` and `message` of a
 * VALIDATION_FAILED answer, e.g. `files[2].path` and "files[2].path must not be
 * empty". Zod's own messages ("Too small: expected string to have >=1
 * characters") do not say which field they are about, so we rephrase the common
 * issue kinds from their parameters and keep zod's text for the rest (custom
 * messages written in the schemas read well after the field name).
 */
export interface ValidationProblem {
    /** Undefined when the whole body (or query, ...) is wrong rather than one field. */
    field: string | undefined;
    message: string;
}
/** `/files/2/path` → `files[2].path`; the empty path → undefined. */
export declare function fieldFromInstancePath(instancePath: string): string | undefined;
export declare function describeValidationError(issue: FastifySchemaValidationError, context: string | undefined): ValidationProblem;
