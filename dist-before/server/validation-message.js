/** `/files/2/path` → `files[2].path`; the empty path → undefined. */
export function fieldFromInstancePath(instancePath) {
    const segments = instancePath.split("/").filter((segment) => segment !== "");
    if (segments.length === 0)
        return undefined;
    let field = "";
    for (const segment of segments) {
        if (/^\d+$/.test(segment))
            field += `[${segment}]`;
        else
            field += field === "" ? segment : `.${segment}`;
    }
    return field;
}
const wholeSubject = {
    body: "request body",
    querystring: "query string",
    params: "path parameters",
    headers: "request headers",
};
export function describeValidationError(issue, context) {
    const field = fieldFromInstancePath(issue.instancePath);
    const subject = field ?? wholeSubject[context ?? "body"] ?? "request";
    return { field, message: `${subject} ${describeProblem(issue)}` };
}
function describeProblem(issue) {
    const params = issue.params;
    const message = issue.message ?? "is invalid";
    switch (issue.keyword) {
        case "invalid_type":
            // Zod only says what it received in the message; the input itself is not kept.
            if (/received (undefined|null)$/.test(message))
                return "is required";
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
            if (Array.isArray(params.keys))
                return `has unknown keys: ${params.keys.join(", ")}`;
            return message;
        default:
            return message;
    }
}
function describeBound(params, words, symbol) {
    const limit = symbol === ">" ? params.minimum : params.maximum;
    const isInclusive = params.inclusive !== false;
    const bound = String(limit);
    switch (params.origin) {
        case "string":
            if (symbol === ">" && limit === 1)
                return "must not be empty";
            return `must be ${words} ${bound} characters long`;
        case "array":
        case "set":
            if (symbol === ">" && limit === 1)
                return "must not be empty";
            return `must have ${words} ${bound} items`;
        default:
            return `must be ${symbol}${isInclusive ? "=" : ""} ${bound}`;
    }
}
function expectedName(expected) {
    if (expected === "int")
        return "integer";
    return typeof expected === "string" ? expected : "value of another type";
}
function withArticle(noun) {
    return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
//# sourceMappingURL=validation-message.js.map