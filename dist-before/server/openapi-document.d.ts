import type { SwaggerTransform, SwaggerTransformObject } from "@fastify/swagger";
/**
 * How the routes' zod schemas become the OpenAPI document: fastify-type-provider-zod
 * turns each route's schemas into JSON Schema (with `$ref`s to the named
 * components, see openapi-components.ts); on top of that every operation gets
 * its security requirement, raw-body routes their real media type, and the
 * components are trimmed to the ones the document uses.
 */
declare module "fastify" {
    interface FastifyContextConfig {
        /**
         * The media type of a request body that is taken as raw bytes rather than
         * parsed (file uploads); documented as a binary string of that type.
         */
        rawBodyMediaType?: string;
    }
}
export declare const bearerSchemeName = "bearer";
export declare const openApiTransform: SwaggerTransform;
interface Document {
    components?: {
        schemas?: Record<string, unknown>;
    };
    [key: string]: unknown;
}
export declare const openApiTransformObject: SwaggerTransformObject;
/**
 * The zod transform emits every named schema twice (`X` as answered, `XInput`
 * as accepted) whether used or not. Keeps the ones the document reaches, and
 * calls `XInput` plainly `X` when only the input form is used or both are the
 * same, so a request body is `ChatRequest`, not `ChatRequestInput`.
 */
export declare function tidyComponents(document: Document): Document;
export {};
