// `/task [--project ID] [--agent NAME] [--model PROVIDER:MODEL] <prompt>`: the
// options come first, so a prompt may itself contain `--` without surprises.

export interface TaskArguments {
  readonly prompt: string;
  readonly project?: string;
  readonly agent?: string;
  readonly model?: string;
}

const optionNames = ["project", "agent", "model"] as const;
type OptionName = (typeof optionNames)[number];

export type ParsedTask = { ok: true; task: TaskArguments } | { ok: false; error: string };

export function parseTaskArguments(argument: string): ParsedTask {
  const options: Partial<Record<OptionName, string>> = {};
  let rest = argument.trim();
  for (;;) {
    const match = /^--([A-Za-z-]+)(?:=(\S*)|\s+(\S+))?(?:\s+|$)/.exec(rest);
    if (match === null) break;
    const name = match[1]!;
    if (!isOptionName(name)) {
      return { ok: false, error: `unknown option --${name}; /task takes --project, --agent and --model` };
    }
    const value = match[2] ?? match[3];
    if (value === undefined || value === "") return { ok: false, error: `--${name} needs a value` };
    options[name] = value;
    rest = rest.slice(match[0].length);
  }
  if (rest === "") return { ok: false, error: "a task needs a prompt: /task <what the agent should do>" };
  return { ok: true, task: { prompt: rest, ...options } };
}

function isOptionName(name: string): name is OptionName {
  return (optionNames as readonly string[]).includes(name);
}
