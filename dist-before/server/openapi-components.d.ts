import { z } from "zod";
/**
 * Names the wire protocol's schemas for the OpenAPI document: a schema with an
 * `id` in zod's global registry becomes `components.schemas.<id>` and every use
 * of it a `$ref` (fastify-type-provider-zod's transforms read that registry),
 * so a generated client gets one `SessionView` type instead of a copy per
 * route. The global registry, because `.describe()` keeps descriptions there:
 * a registry of our own would drop them from the document.
 */
export declare function nameSchema(schema: z.ZodType, id: string): void;
/** Names every shared schema once per process (servers in one process share the registry). */
export declare function nameProtocolSchemas(): void;
