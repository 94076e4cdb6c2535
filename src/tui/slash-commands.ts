/**
 * The slash commands the prompt understands, and the keys, as data: the
 * app dispatches on them and `/help` prints them, so the two cannot disagree.
 */
export const slashCommands = [
  { name: "help", description: "list the commands and keys" },
  { name: "new", description: "start a new session with the next prompt (the current one keeps running)" },
  { name: "cancel", description: "cancel the running turn and the queued prompts" },
  { name: "quit", description: "leave the TUI; the session goes on on the server" },
] as const;

export type SlashCommandName = (typeof slashCommands)[number]["name"];

export const keyBindings = [
  { keys: "Enter", description: "send the prompt (queued while the agent works)" },
  { keys: "Alt+Enter or Ctrl+J", description: "new line in the prompt" },
  { keys: "↑ / ↓", description: "earlier / later prompts" },
  { keys: "PgUp / PgDn", description: "scroll the chat back / forward" },
  { keys: "Esc or Ctrl+C", description: "cancel the turn; twice in a row quits" },
  { keys: "y / a / n", description: "approval: allow once / always for this session / deny" },
] as const;

export type ParsedInput =
  | { kind: "prompt"; text: string }
  | { kind: "command"; name: SlashCommandName }
  | { kind: "unknown"; name: string };

/** A prompt, a known command, or a `/word` that is no command (told, not sent to the model). */
export function parseInput(text: string): ParsedInput {
  const match = /^\/([a-z-]+)\s*$/i.exec(text.trim());
  if (match === null) return { kind: "prompt", text };
  const name = match[1]!.toLowerCase();
  const known = slashCommands.find((command) => command.name === name);
  return known === undefined ? { kind: "unknown", name } : { kind: "command", name: known.name };
}

export function helpLines(): string[] {
  return [
    "commands: " + slashCommands.map((command) => `/${command.name} ${command.description}`).join("; "),
    "keys: " + keyBindings.map((binding) => `${binding.keys} ${binding.description}`).join("; "),
    "not yet: /sessions, /model, /agent, /approval, /files, file tree and code viewer",
  ];
}
