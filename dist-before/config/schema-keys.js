function definitionOf(schema) {
    return schema?.def;
}
/** Through `.default()`, `.prefault()`, `.optional()`, pipes … to the schema that has the shape. */
function unwrap(schema) {
    let node = schema;
    for (let depth = 0; depth < 16 && node !== undefined; depth += 1) {
        const definition = definitionOf(node);
        if (definition?.innerType !== undefined)
            node = definition.innerType;
        else if (definition?.type === "pipe" && definition.in !== undefined)
            node = definition.in;
        else
            break;
    }
    return node;
}
/**
 * The keys an object schema knows at `path` (through records: any key there
 * names an entry), for "did you mean" on an unknown key; undefined when the
 * path does not lead to an object.
 */
export function keysAt(schema, path) {
    let node = unwrap(schema);
    for (const key of path) {
        const definition = definitionOf(node);
        if (definition?.type === "object")
            node = unwrap(definition.shape?.[key]);
        else if (definition?.type === "record")
            node = unwrap(definition.valueType);
        else
            return undefined;
    }
    const definition = definitionOf(node);
    return definition?.type === "object" ? Object.keys(definition.shape ?? {}) : undefined;
}
//# sourceMappingURL=schema-keys.js.map