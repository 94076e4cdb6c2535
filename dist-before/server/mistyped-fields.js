import { closestName } from "../core/closest-name.js";
import { HangarError } from "../core/errors.js";
/**
 * A request body field the schema does not know is ignored, as before: clients
 * written for Coderunner or RCoder send fields of their own, and those must keep
 * working. But a field one typo away from a known one (`langauge`, `session_Id`,
 * `timeout_ms`) is almost surely a mistake whose value would be silently lost,
 * so it is refused with a 400 that names the field Hangar knows.
 */
export function refuseMistypedFields(knownFields) {
    const known = new Set(knownFields);
    return async (request) => {
        const body = request.body;
        if (typeof body !== "object" || body === null || Array.isArray(body))
            return;
        for (const field of Object.keys(body)) {
            if (known.has(field))
                continue;
            const suggestion = closestName(field, knownFields);
            if (suggestion === undefined)
                continue;
            throw new HangarError("VALIDATION_FAILED", `unknown field "${field}": did you mean "${suggestion}"?`, {
                field,
            });
        }
    };
}
//# sourceMappingURL=mistyped-fields.js.map