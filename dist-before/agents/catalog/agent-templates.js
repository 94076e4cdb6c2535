import { HangarError } from "../../core/errors.js";
/**
 * The placeholders agent templates may use, and filling them in. Values are checked
 * before they go into a template because templates are config files (TOML, JSON): a
 * model name with a quote in it must not be able to rewrite the agent's settings.
 */
export const templatePlaceholders = ["relay_url", "api_key", "model", "proxy_url", "arch"];
const placeholderPattern = /\{\{\s*([^}]*?)\s*\}\}/g;
/** The placeholders a template names, in order; unknown ones too (validation reports them). */
export function placeholdersIn(template) {
    return [...template.matchAll(placeholderPattern)].map((match) => match[1] ?? "");
}
/** Throws CONFIG_INVALID naming `field` when the template uses a placeholder not in `allowed`. */
export function checkTemplate(template, field, allowed) {
    for (const name of placeholdersIn(template)) {
        if (!allowed.includes(name)) {
            throw new HangarError("CONFIG_INVALID", `${field} uses {{${name}}}; templates may use ${allowed.map((known) => `{{${known}}}`).join(", ")}`, { field });
        }
    }
}
/** Fills every placeholder; a placeholder without a value is a programming error, not user input. */
export function fillTemplate(template, values) {
    return template.replace(placeholderPattern, (_match, name) => {
        const value = values[name];
        if (value === undefined)
            throw new HangarError("INTERNAL", `no value for the agent template's {{${name}}}`);
        return value;
    });
}
/** Characters a value may carry into a TOML or JSON string without ending it. */
const safeValue = /^[A-Za-z0-9._:/@+=-]+$/;
/** Throws VALIDATION_FAILED naming `field` when `value` could break out of a template's quotes. */
export function checkTemplateValue(value, field) {
    if (value.length === 0 || value.length > 2048 || !safeValue.test(value)) {
        throw new HangarError("VALIDATION_FAILED", `${field} must be 1-2048 characters of letters, digits and . _ : / @ + = - (it is written into the agent's settings)`, { field });
    }
}
//# sourceMappingURL=agent-templates.js.map