import { isDeepStrictEqual } from "node:util";
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from "fastify-type-provider-zod";
export const bearerSchemeName = "bearer";
const zodTransform = createJsonSchemaTransform({});
const zodTransformObject = createJsonSchemaTransformObject({});
export const openApiTransform = ((input) => {
    const { schema, url } = zodTransform(input);
    if (schema === undefined || schema.hide === true)
        return { schema, url };
    const routeConfig = (input.route.config ?? {});
    const documented = { ...schema };
    // Per operation, whether or not this server has keys: a generated client must know it may need one.
    documented.security ??= routeConfig.isPublic === true ? [] : [{ [bearerSchemeName]: [] }];
    if (routeConfig.rawBodyMediaType !== undefined) {
        documented.body = {
            content: { [routeConfig.rawBodyMediaType]: { schema: { type: "string", format: "binary" } } },
        };
    }
    return { schema: documented, url };
});
const componentPrefix = "#/components/schemas/";
export const openApiTransformObject = ((input) => {
    const document = tidyComponents(zodTransformObject(input));
    addDiscriminators(document.components?.schemas ?? {});
    describeResponses(document);
    return document;
});
/**
 * The zod transform emits every named schema twice (`X` as answered, `XInput`
 * as accepted) whether used or not. Keeps the ones the document reaches, and
 * calls `XInput` plainly `X` when only the input form is used or both are the
 * same, so a request body is `ChatRequest`, not `ChatRequestInput`.
 */
export function tidyComponents(document) {
    const schemas = document.components?.schemas ?? {};
    const { components, ...rest } = document;
    const used = reachableComponents(rest, schemas);
    const renames = new Map();
    for (const name of used) {
        if (!name.endsWith("Input"))
            continue;
        const plain = name.slice(0, -"Input".length);
        if (!used.has(plain) || isDeepStrictEqual(schemas[plain], schemas[name]))
            renames.set(name, plain);
    }
    const kept = {};
    for (const name of [...used].sort()) {
        const target = renames.get(name) ?? name;
        if (!(target in kept))
            kept[target] = schemas[name];
    }
    const renamed = renameReferences({ ...rest, components: { ...components, schemas: kept } }, renames);
    return renamed;
}
/**
 * A `oneOf` of named objects that each fix one property to one value (the
 * session events' `name`, the run stream's `event`) gets a `discriminator`,
 * so generators for languages without union types can pick the member class.
 */
function addDiscriminators(schemas) {
    for (const schema of Object.values(schemas)) {
        const members = schema.oneOf?.map((member) => member.$ref);
        if (members === undefined || members.some((member) => member === undefined))
            continue;
        const constants = members.map((reference) => {
            const target = schemas[reference.slice(componentPrefix.length)];
            return Object.entries(target?.properties ?? {}).flatMap(([property, value]) => value.enum?.length === 1 && typeof value.enum[0] === "string" && target?.required?.includes(property)
                ? [[property, value.enum[0]]]
                : []);
        });
        const property = constants[0]?.find(([name]) => constants.every((fixed) => fixed.some(([other]) => other === name)))?.[0];
        if (property === undefined)
            continue;
        const mapping = Object.fromEntries(constants.map((fixed, index) => [fixed.find(([name]) => name === property)?.[1], members[index]]));
        Object.assign(schema, { discriminator: { propertyName: property, mapping } });
    }
}
/**
 * Fastify-swagger takes a response's description from its schema, which a
 * `$ref` hides: an error answer is described by its component (the codes it
 * lists), any other by its operation's summary, instead of "Default Response".
 */
function describeResponses(document) {
    const schemas = (document.components?.schemas ?? {});
    const paths = (document.paths ?? {});
    for (const operation of Object.values(paths).flatMap((item) => Object.values(item))) {
        for (const response of Object.values(operation.responses ?? {})) {
            if (response.description !== "Default Response")
                continue;
            const reference = Object.values(response.content ?? {})[0]?.schema?.$ref;
            const component = reference?.startsWith(componentPrefix)
                ? schemas[reference.slice(componentPrefix.length)]
                : undefined;
            const description = component?.description ?? operation.summary;
            if (description !== undefined)
                response.description = description;
        }
    }
}
function reachableComponents(root, schemas) {
    const found = new Set();
    const pending = [root];
    while (pending.length > 0) {
        const value = pending.pop();
        if (Array.isArray(value))
            pending.push(...value);
        else if (value !== null && typeof value === "object") {
            for (const [key, child] of Object.entries(value)) {
                if (key === "$ref" && typeof child === "string" && child.startsWith(componentPrefix)) {
                    const name = child.slice(componentPrefix.length);
                    if (!found.has(name)) {
                        found.add(name);
                        pending.push(schemas[name]);
                    }
                }
                else
                    pending.push(child);
            }
        }
    }
    return found;
}
function renameReferences(value, renames) {
    if (renames.size === 0)
        return value;
    return JSON.parse(JSON.stringify(value), (key, child) => {
        if (key !== "$ref" || typeof child !== "string" || !child.startsWith(componentPrefix))
            return child;
        const renamed = renames.get(child.slice(componentPrefix.length));
        return renamed === undefined ? child : componentPrefix + renamed;
    });
}
//# sourceMappingURL=openapi-document.js.map