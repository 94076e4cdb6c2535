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
export function fieldFromInstancePath(instancePath: string): string | undefined {
  const segments = instancePath.split("/").filter((segment) => segment !== "");
  if (segments.length === 0) return undefined;
  let field = "";
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) field += `[${segment}]`;
    else field += field === "" ? segment : `.${segment}`;
  }
  return field;
}

const wholeSubject: Record<string, string> = {
  body: "request body",
  querystring: "query string",
  params: "path parameters",
  headers: "request headers",
};

export function describeValidationError(
  issue: FastifySchemaValidationError,
  context: string | undefined,
): ValidationProblem {
  const field = fieldFromInstancePath(issue.instancePath);
  const subject = field ?? wholeSubject[context ?? "body"] ?? "request";
  return { field, message: `${subject} ${describeProblem(issue)}` };
}

function describeProblem(issue: FastifySchemaValidationError): string {
  const params = issue.params;
  const message = issue.message ?? "is invalid";
  switch (issue.keyword) {
    case "invalid_type":
      // Zod only says what it received in the message; the input itself is not kept.
      if (/received (undefined|null)$/.test(message)) return "is required";
      return `must be ${withArticle(expectedName(params.expected))}`;
    case "too_small":
      return describeBound(params, "at least", ">");
    case "too_big":
      return describeBound(params, "at most", "<");
    case "invalid_value":
      if (Array.isArray(params.values)) {
        return `must be one of ${params.values.map((value) => JSON.stringify(value)).join(", ")}`;
      }
      return message;
    case "unrecognized_keys":
      if (Array.isArray(params.keys)) return `has unknown keys: ${params.keys.join(", ")}`;
      return message;
    default:
      return message;
  }
}

function describeBound(params: Record<string, unknown>, words: string, symbol: ">" | "<"): string {
  const limit = symbol === ">" ? params.minimum : params.maximum;
  const isInclusive = params.inclusive !== false;
  const bound = String(limit);
  switch (params.origin) {
    case "string":
      if (symbol === ">" && limit === 1) return "must not be empty";
      return `must be ${words} ${bound} characters long`;
    case "array":
    case "set":
      if (symbol === ">" && limit === 1) return "must not be empty";
      return `must have ${words} ${bound} items`;
    default:
      return `must be ${symbol}${isInclusive ? "=" : ""} ${bound}`;
  }
}

function expectedName(expected: unknown): string {
  if (expected === "int") return "integer";
  return typeof expected === "string" ? expected : "value of another type";
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
