import { chmod, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { parse as parseToml } from "smol-toml";
import { parseConfig } from "../../config/load-config.js";
import { HangarError, errorMessage } from "../../core/errors.js";
import { valueAt } from "./ask-field.js";
import { renderCommentedToml, type TomlTable } from "./commented-toml.js";
import { unifiedDiff } from "./line-diff.js";
import { askChatBridges } from "./bridges-step.js";
import { askModel } from "./model-step.js";
import type { Prompter } from "./prompter.js";
import type { SetupHost, StepContext } from "./setup-host.js";
import { askApiKeys, askDefaultAgent, askSandboxProvider, askServerPort } from "./setup-steps.js";

export interface SetupOptions {
  /** The hangar.toml to write, absolute. */
  path: string;
  prompter: Prompter;
  host: SetupHost;
}

export type SetupOutcome = "written" | "unchanged" | "declined";

const fileHeader = [
  "Hangar's configuration, written by `hangar setup` (run it again to change these).",
  "Model API keys stay in the environment or .env (OPENAI_API_KEY, …), never in this file.",
  "`hangar config` prints the effective configuration: these keys, defaults, environment.",
];

/**
 * The wizard: each step shows the file's current value as its default, then the new
 * file is rendered with comments, checked with the loader's own schema, shown as a diff
 * against the old one, and written only when the user says yes.
 */
export async function runSetup(options: SetupOptions): Promise<SetupOutcome> {
  const { path, prompter } = options;
  const oldText = await readExisting(path);
  let draft = oldText === undefined ? {} : parseExisting(oldText, path);
  prompter.say(`hangar setup ${oldText === undefined ? "writes a new" : "updates"} ${path}`);
  prompter.say("Enter keeps the value in [brackets]; Ctrl-C stops without writing anything.");
  if (oldText !== undefined) {
    const problem = configProblem(draft);
    if (problem !== undefined) prompter.say(`! the file does not validate now: ${problem}`);
  }
  const context: StepContext = { prompter, host: options.host };
  let generated: string[] = [];
  const steps: [string, (draft: TomlTable) => Promise<TomlTable>][] = [
    ["Sandbox provider", (current) => askSandboxProvider(context, current)],
    ["Model", (current) => askModel(context, current)],
    ["Default agent", (current) => askDefaultAgent(context, current)],
    ["Server port", (current) => askServerPort(context, current)],
    [
      "API keys",
      async (current) => {
        const result = await askApiKeys(context, current);
        generated = result.generated;
        return result.draft;
      },
    ],
    ["Chat bridges", (current) => askChatBridges(context, current)],
  ];
  for (const [index, [title, step]] of steps.entries()) {
    prompter.say();
    prompter.say(`[${index + 1}/${steps.length}] ${title}`);
    draft = await step(draft);
  }
  const text = renderCommentedToml(draft, fileHeader);
  // The text itself, parsed back and checked as `hangar serve` would load it.
  const problem = configProblem(parseToml(text));
  if (problem !== undefined) {
    throw new HangarError("CONFIG_INVALID", `${path} not written: ${problem}`, { field: "config" });
  }
  prompter.say();
  if (text === oldText) {
    prompter.say(`${path} already says this: nothing to write`);
    return "unchanged";
  }
  const diff = unifiedDiff(oldText ?? "", text, {
    oldName: oldText === undefined ? "/dev/null" : path,
    newName: path,
  });
  for (const line of diff) prompter.say(maskKeyLine(line));
  prompter.say();
  if (lostComments(oldText ?? "", text)) {
    prompter.say("! the file is rewritten whole: comments of your own in it are not kept (see the diff)");
  }
  if (!(await confirm(prompter, `write ${path}? (y/n)`))) {
    prompter.say(`left ${path} as it was`);
    return "declined";
  }
  const keys = valueAt(draft, ["server", "api_keys"]);
  await writeConfigFile(path, text, Array.isArray(keys) && keys.length > 0);
  prompter.say(`wrote ${path}`);
  if (generated.length > 0) {
    prompter.say(
      `new API keys for ${generated.join(", ")} are in [[server.api_keys]] (the file is private: 0600)`,
    );
  }
  prompter.say(`check it: hangar config --config ${path}`);
  return "written";
}

async function readExisting(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new HangarError("CONFIG_INVALID", `cannot read ${path}: ${errorMessage(error)}`, {
      field: "config",
    });
  }
}

function parseExisting(text: string, path: string): TomlTable {
  try {
    return parseToml(text);
  } catch (error) {
    throw new HangarError(
      "CONFIG_INVALID",
      `cannot read ${path}: ${errorMessage(error)}; fix it by hand or choose another file with --config`,
      { field: "config" },
    );
  }
}

/** What the loader says is wrong with a config tree, or undefined when it loads. */
function configProblem(tree: TomlTable): string | undefined {
  try {
    parseConfig(tree);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

async function confirm(prompter: Prompter, question: string): Promise<boolean> {
  for (;;) {
    const answer = (await prompter.ask(question, "y")).toLowerCase();
    if (answer === "y" || answer === "yes") return true;
    if (answer === "n" || answer === "no") return false;
    prompter.say(`✗ answer y or n (got "${answer}")`);
  }
}

function lostComments(oldText: string, newText: string): boolean {
  const kept = new Set(newText.split("\n"));
  return oldText.split("\n").some((line) => line.trimStart().startsWith("#") && !kept.has(line));
}

/** A diff line with an API key's value shortened: the terminal (or a CI log) never shows a whole key. */
export function maskKeyLine(line: string): string {
  return line.replace(/^([ +-]key = ")([^"]*)(")$/, (_match, start: string, key: string, end: string) =>
    key.length <= 8 ? `${start}****${end}` : `${start}${key.slice(0, 4)}****${end}`,
  );
}

/**
 * Replaces the file in one rename, so a crash never leaves half a config. A file with API
 * keys is made private (0600); otherwise the old file's mode is kept.
 */
async function writeConfigFile(path: string, text: string, holdsKeys: boolean): Promise<void> {
  // Through a symlink to the file it names, so the link stays a link.
  const target = await realpath(path).catch(() => path);
  const oldMode = await stat(target).then(
    (stats) => stats.mode & 0o777,
    () => undefined,
  );
  const mode = holdsKeys ? 0o600 : (oldMode ?? 0o644);
  const temporary = `${target}.setup-${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, { mode, flag: "wx" });
    await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
