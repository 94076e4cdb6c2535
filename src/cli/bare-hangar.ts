import type { Command } from "commander";
import { closestName, didYouMean } from "../core/closest-name.js";
import { HangarError } from "../core/errors.js";
import { runTaskCommand } from "./task-command.js";
import { runTuiCommand } from "./tui-command.js";

type BareOptions = Parameters<typeof runTuiCommand>[0];

/**
 * `hangar` with no subcommand. At a terminal it is the TUI (`hangar tui`);
 * its words, if any, are the first prompt, sent as it opens. Where stdout or stdin is not a terminal (a pipe, a
 * script, CI) it is `hangar task`: the words are the prompt and `--session`
 * attaches, as `--attach` does, with the same flags and the same code.
 */
export async function runBareHangar(options: BareOptions, command: Command): Promise<void> {
  const words = command.args;
  const names = command.commands.map((each) => each.name());
  const first = words[0];
  // One word that is nearly a command is a typo, not a task ("hangar tsk").
  if (
    words.length === 1 &&
    first !== undefined &&
    !/\s/.test(first) &&
    closestName(first, names) !== undefined
  )
    command.error(`error: unknown command '${first}'${didYouMean(first, names)}`);
  const prompt = words.join(" ").trim();
  if (process.stdout.isTTY === true && process.stdin.isTTY === true) {
    await runTuiCommand(options, prompt === "" ? undefined : prompt);
    return;
  }
  if (prompt === "" && options.session === undefined) {
    throw new HangarError(
      "BAD_REQUEST",
      'prompt: stdout is not a terminal, so `hangar` runs as `hangar task` and needs a prompt: hangar "<prompt>" (or --session <session_id> to watch a session)',
      { field: "prompt" },
    );
  }
  if (prompt !== "" && options.session !== undefined) {
    throw new HangarError("BAD_REQUEST", "give either a prompt or --session <session_id>, not both", {
      field: "prompt",
    });
  }
  const { session, ...taskOptions } = options;
  await runTaskCommand(prompt === "" ? undefined : prompt, { ...taskOptions, attach: session });
}
