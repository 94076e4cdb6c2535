import type { preValidationAsyncHookHandler } from "fastify";
/**
 * A request body field the schema does not know is ignored, as before: clients
 * written for Coderunner or RCoder send fields of their own, and those must keep
 * working. But a field one typo away from a known one (`langauge`, `session_Id`,
 * `timeout_ms`) is almost surely a mistake whose value would be silently lost,
 * so it is refused with a 400 that names the field Hangar knows.
 */
export declare function refuseMistypedFields(knownFields: readonly string[]): preValidationAsyncHookHandler;
