import type { z } from "zod";

/** The parts of zod's internal definition this walk reads. */
interface Definition {
  type?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
}

function definitionOf(schema: z.ZodType | undefined): Definition | undefined {
  return (schema as unknown as { def?: Definition } | undefined)?.def;
}

/** Through `.default()`, `.prefault()`, `.optional()`, pipes … to the schema that has the shape. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  for (let depth = 0; depth < 16 && node !== undefined; depth += 1) {
    const definition = definitionOf(node);
    if (definition?.innerType !== undefined) node = definition.innerType;
    else if (definition?.type === "pipe" && definition.in !== undefined) node = definition.in;
    else break;
  }
  return node;
}

/**
 * The keys an object schema knows at `path` (through records: any key there
 * names an entry), for "did you mean" on an unknown key; undefined when the
 * path does not lead to an object.
 */
export function keysAt(schema: z.ZodType, path: readonly string[]): string[] | undefined {
  let node = unwrap(schema);
  for (const key of path) {
    const definition = definitionOf(node);
    if (definition?.type === "object") node = unwrap(definition.shape?.[key]);
    else if (definition?.type === "record") node = unwrap(definition.valueType);
    else return undefined;
  }
  const definition = definitionOf(node);
  return definition?.type === "object" ? Object.keys(definition.shape ?? {}) : undefined;
}
