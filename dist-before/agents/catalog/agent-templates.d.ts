/**
 * The placeholders agent templates may use, and filling them in. Values are checked
 * before they go into a template because templates are config files (TOML, JSON): a
 * model name with a quote in it must not be able to rewrite the agent's settings.
 */
export declare const templatePlaceholders: readonly ["relay_url", "api_key", "model", "proxy_url", "arch"];
export type TemplatePlaceholder = (typeof templatePlaceholders)[number];
/** The placeholders a template names, in order; unknown ones too (validation reports them). */
export declare function placeholdersIn(template: string): string[];
/** Throws CONFIG_INVALID naming `field` when the template uses a placeholder not in `allowed`. */
export declare function checkTemplate(template: string, field: string, allowed: readonly string[]): void;
/** Fills every placeholder; a placeholder without a value is a programming error, not user input. */
export declare function fillTemplate(template: string, values: Partial<Record<TemplatePlaceholder, string>>): string;
/** Throws VALIDATION_FAILED naming `field` when `value` could break out of a template's quotes. */
export declare function checkTemplateValue(value: string, field: string): void;
