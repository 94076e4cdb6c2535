import { stringify } from "smol-toml";
import { configSchema } from "../../config/config-schema.js";
import { keysAt } from "../../config/schema-keys.js";
import { describeKey } from "./key-descriptions.js";

/** A parsed hangar.toml: tables are plain objects, `[[x]]` arrays of them. */
export type TomlTable = Record<string, unknown>;

/**
 * Renders a config tree as hangar.toml with a `#` comment line above every key and
 * table header saying what it is. Keys come in the schema's order (the order
 * `hangar config` prints), keys the schema does not know after them as they came;
 * parsing the result gives the same tree back.
 */
export function renderCommentedToml(tree: TomlTable, header: readonly string[] = []): string {
  const blocks = [...header.map((line) => `# ${line}`), ...renderTable(tree, [])];
  return `${blocks.join("\n").replace(/^\n+/, "")}\n`;
}

function renderTable(table: TomlTable, path: readonly string[]): string[] {
  const lines: string[] = [];
  const entries = ordered(table, path);
  for (const [key, value] of entries) {
    if (isTable(value) || isArrayOfTables(value)) continue;
    lines.push(comment([...path, key]), `${tomlKey(key)} = ${tomlValue(value)}`);
  }
  for (const [key, value] of entries) {
    const childPath = [...path, key];
    if (isTable(value)) {
      const hasOwnKeys = Object.values(value).some((child) => !isTable(child) && !isArrayOfTables(child));
      // A table holding only tables needs no header of its own: `[llm.providers.local]` implies `[llm.providers]`.
      if (hasOwnKeys || Object.keys(value).length === 0) {
        lines.push("", comment(childPath), `[${childPath.map(tomlKey).join(".")}]`);
      }
      lines.push(...renderTable(value, childPath));
    } else if (isArrayOfTables(value)) {
      for (const element of value) {
        lines.push("", comment(childPath), `[[${childPath.map(tomlKey).join(".")}]]`);
        lines.push(...renderTable(element, childPath));
      }
    }
  }
  return lines;
}

/** The schema's keys first, in its order; the rest (entries of named tables, unknown keys) as they came. */
function ordered(table: TomlTable, path: readonly string[]): [string, unknown][] {
  const known = keysAt(configSchema, path) ?? [];
  const rank = (key: string) => {
    const index = known.indexOf(key);
    return index === -1 ? known.length : index;
  };
  return Object.entries(table)
    .filter(([, value]) => value !== undefined)
    .map((entry, position) => ({ entry, position }))
    .sort((left, right) => rank(left.entry[0]) - rank(right.entry[0]) || left.position - right.position)
    .map(({ entry }) => entry);
}

function comment(path: readonly string[]): string {
  return `# ${describeKey(path)}`;
}

function isTable(value: unknown): value is TomlTable {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isArrayOfTables(value: unknown): value is TomlTable[] {
  return Array.isArray(value) && value.length > 0 && value.every(isTable);
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** smol-toml's own spelling of a value, so strings are escaped exactly as TOML wants. */
function tomlValue(value: unknown): string {
  const line = stringify({ value }).trim();
  return line.slice(line.indexOf("=") + 1).trim();
}
