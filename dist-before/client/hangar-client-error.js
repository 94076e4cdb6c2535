import { apiErrorSchema } from "../protocol/api-error.js";
/**
 * What every failed client call throws: the server's `{error: {code, message,
 * field}}` when it answered, else a client-side code (`UNREACHABLE` when the
 * server could not be reached, `BAD_RESPONSE` when the answer was not ours).
 */
export class HangarClientError extends Error {
    code;
    /** The HTTP status; undefined when no answer came. */
    status;
    field;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = "HangarClientError";
        this.code = code;
        this.status = options.status;
        this.field = options.field;
    }
}
/** Builds the error from a non-2xx response, whatever its body. */
export async function errorFromResponse(response) {
    const text = await response.text().catch(() => "");
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        // Not JSON: a proxy or something that is not Hangar answered.
    }
    const parsed = apiErrorSchema.safeParse(body);
    if (parsed.success) {
        const { code, message, field } = parsed.data.error;
        return new HangarClientError(code, message, {
            status: response.status,
            ...(field === undefined ? {} : { field }),
        });
    }
    const detail = text.trim().slice(0, 200);
    return new HangarClientError(`HTTP_${response.status}`, `the server answered ${response.status}${detail ? `: ${detail}` : ""}`, {
        status: response.status,
    });
}
//# sourceMappingURL=hangar-client-error.js.map