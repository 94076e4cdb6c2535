import { configSchema } from "../../config/config-schema.js";
import type { TomlTable } from "./commented-toml.js";
import type { Prompter } from "./prompter.js";

/** An answer turned into a value, or why it cannot be one (said naming the field, then asked again). */
export type Parsed<Value> = { value: Value } | { problem: string };

export interface FieldQuestion<Value> {
  /** The config key the answer sets, named in the question and in every complaint (`server.port`). */
  field: string;
  question: string;
  defaultAnswer: string;
  parse(answer: string): Parsed<Value>;
  /** The draft with the value put in (a copy: a refused answer leaves the draft as it was). */
  apply(draft: TomlTable, value: Value): TomlTable;
  /** Which schema problems belong to this question: keys at or under these paths. Default: `field`. */
  checkedPaths?: readonly string[];
}

/**
 * Asks until the answer parses and the draft with it passes the config schema at the
 * question's own keys; each refusal names the field and says what was wrong. Problems
 * elsewhere in the draft (an old file's other keys) are not this question's to fix.
 */
export async function askField<Value>(
  prompter: Prompter,
  draft: TomlTable,
  question: FieldQuestion<Value>,
): Promise<{ value: Value; draft: TomlTable }> {
  for (;;) {
    const answer = await prompter.ask(`${question.field} — ${question.question}`, question.defaultAnswer);
    const parsed = question.parse(answer);
    if ("problem" in parsed) {
      prompter.say(`✗ ${question.field}: ${parsed.problem}`);
      continue;
    }
    const candidate = question.apply(structuredClone(draft), parsed.value);
    const problems = schemaProblems(candidate, question.checkedPaths ?? [question.field]);
    if (problems.length > 0) {
      for (const problem of problems) prompter.say(`✗ ${problem}`);
      continue;
    }
    return { value: parsed.value, draft: candidate };
  }
}

/** The schema's complaints about the keys at or under `paths`, each as `key: message`. */
export function schemaProblems(draft: TomlTable, paths: readonly string[]): string[] {
  const result = configSchema.safeParse(draft);
  if (result.success) return [];
  return result.error.issues
    .map((issue) => ({ key: issue.path.map(String).join("."), message: issue.message }))
    .filter(({ key }) => paths.some((path) => key === path || key.startsWith(`${path}.`)))
    .map(({ key, message }) => `${key}: ${message}`);
}

/** The table at `path` in the draft, created when missing (a key written where a table should be is replaced). */
export function tableAt(draft: TomlTable, path: readonly string[]): TomlTable {
  let node = draft;
  for (const key of path) {
    const child = node[key];
    if (typeof child !== "object" || child === null || Array.isArray(child)) node[key] = {};
    node = node[key] as TomlTable;
  }
  return node;
}

/** The value at `path`, or undefined. */
export function valueAt(draft: TomlTable, path: readonly string[]): unknown {
  let node: unknown = draft;
  for (const key of path) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    node = (node as TomlTable)[key];
  }
  return node;
}

export function oneOf(answer: string, names: readonly string[], what: string): Parsed<string> {
  if (names.includes(answer)) return { value: answer };
  return { problem: `unknown ${what} "${answer}": choose ${names.join(", ")}` };
}

export function stringAt(draft: TomlTable, path: readonly string[]): string | undefined {
  const value = valueAt(draft, path);
  return typeof value === "string" ? value : undefined;
}

/** Sets the value at `path` in `draft` (creating tables) and returns the draft. */
export function set(draft: TomlTable, path: readonly string[], value: unknown): TomlTable {
  tableAt(draft, path.slice(0, -1))[path[path.length - 1]!] = value;
  return draft;
}
