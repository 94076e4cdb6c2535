import { approvalPolicySchema } from "../protocol/index.js";
import type { NextSessionSettings } from "./view-state.js";
import { describeBindings, type KeyBindings } from "./key-bindings.js";

/**
 * The slash commands the prompt understands, and the keys, as data: the
 * app dispatches on them and `/help` prints them, so the two cannot disagree.
 */
export const slashCommands = [
  { name: "help", description: "list the commands and keys" },
  { name: "new", description: "start a new session with the next prompt (the current one keeps running)" },
  { name: "sessions", description: "pick one of your sessions and attach to it" },
  { name: "approval", usage: "ask|auto|read-only", description: "the approval policy of the next session" },
  { name: "model", usage: "provider:model", description: "the model of the next session" },
  {
    name: "agent",
    usage: "name",
    description: "the agent of the next session (builtin or an installed one)",
  },
  { name: "files", description: "hide or show the file tree" },
  {
    name: "open",
    usage: "path",
    description: "show a workspace file in the code viewer (Esc closes it; n: next changed line)",
  },
  { name: "cancel", description: "cancel the running turn and the queued prompts" },
  { name: "quit", description: "leave the TUI; the session goes on on the server" },
] as const;

export type SlashCommandName = (typeof slashCommands)[number]["name"];

/** Keys that are not configurable (`[tui.keys]` covers the others; /help lists both). */
export const fixedKeys = [
  { keys: "Enter", description: "send the prompt (queued while the agent works)" },
  { keys: "PgUp / PgDn", description: "scroll the chat back / forward" },
  { keys: "↑ / ↓, Enter, Esc", description: "in /sessions: move, attach, close" },
  { keys: "Esc", description: "in a focused pane: give the keys back to the prompt" },
  { keys: "y / a / n", description: "approval: allow once / always for this session / deny" },
] as const;

export type ParsedInput =
  | { kind: "prompt"; text: string }
  | { kind: "command"; name: SlashCommandName; argument: string }
  | { kind: "unknown"; name: string };

/**
 * A prompt, a known command (with what follows it), or a lone `/word` that
 * is no command (told, not sent to the model). `/tmp is full` stays a
 * prompt: only a known command takes an argument.
 */
export function parseInput(text: string): ParsedInput {
  const match = /^\/([a-z-]+)(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (match === null) return { kind: "prompt", text };
  const name = match[1]!.toLowerCase();
  const argument = (match[2] ?? "").trim();
  const known = slashCommands.find((command) => command.name === name);
  if (known !== undefined) return { kind: "command", name: known.name, argument };
  return argument === "" ? { kind: "unknown", name } : { kind: "prompt", text };
}

/** `/approval`, `/model`, `/agent`: the setting, or a message naming the command and what it takes. */
export function parseNextSetting(
  name: "approval" | "model" | "agent",
  argument: string,
): { settings: NextSessionSettings } | { error: string } {
  switch (name) {
    case "approval": {
      const policy = approvalPolicySchema.safeParse(argument);
      return policy.success
        ? { settings: { approval: policy.data } }
        : { error: `/approval takes ask, auto or read-only${argument === "" ? "" : `, not "${argument}"`}` };
    }
    case "model":
      return /^[\w.-]+:\S{1,200}$/.test(argument)
        ? { settings: { model: argument } }
        : {
            error: `/model takes provider:model, e.g. /model openai:gpt-4o${argument === "" ? "" : `, not "${argument}"`}`,
          };
    case "agent":
      return /^[a-z0-9][\w.-]{0,63}$/i.test(argument)
        ? { settings: { agent: argument } }
        : {
            error: `/agent takes an agent's name (builtin or one from hangar agents ls)${argument === "" ? "" : `, not "${argument}"`}`,
          };
  }
}

/** /help: the commands, then the keys in force (the configurable ones as bound now). */
export function helpLines(bindings: KeyBindings): string[] {
  return [
    "commands: " +
      slashCommands
        .map(
          (command) =>
            `/${command.name}${"usage" in command ? ` ${command.usage}` : ""} ${command.description}`,
        )
        .join("; "),
    "keys: " +
      [...fixedKeys, ...describeBindings(bindings)]
        .map((binding) => `${binding.keys} ${binding.description}`)
        .join("; "),
  ];
}
