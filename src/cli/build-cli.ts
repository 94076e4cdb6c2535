import { Command } from "commander";
import { hangarVersion } from "../app/hangar-package.js";
import { agentsCommand } from "./agents-command.js";
import { bridgesCommand } from "./bridges-command.js";
import { configCommand } from "./config-command.js";
import { credentialsCommand } from "./credentials-command.js";
import { doctorCommand } from "./doctor-command.js";
import { imageCommand } from "./image-command.js";
import { languagesCommand } from "./languages-command.js";
import { mcpCommand } from "./mcp-command.js";
import { runCommand } from "./run-command.js";
import { sandboxCommand } from "./sandbox-command.js";
import { serveCommand } from "./serve-command.js";
import { setupCommand } from "./setup-command.js";
import { taskCommand } from "./task-command.js";
import { runBareHangar } from "./bare-hangar.js";
import { tuiCommand, withTuiOptions } from "./tui-command.js";

export function buildCli(): Command {
  // `hangar` alone opens the terminal UI at a terminal; elsewhere it is `hangar task` (bare-hangar.ts).
  const program = withTuiOptions(new Command("hangar"))
    .description("Run AI coding agents and untrusted code in isolated sandboxes.")
    .version(hangarVersion())
    .showHelpAfterError()
    // Lets `hangar run FILE --flag` pass `--flag` to the program (passThroughOptions).
    .enablePositionalOptions()
    // With an action of its own, commander would call a mistyped command "too many arguments".
    .allowExcessArguments(true)
    .argument("[prompt...]", "not at a terminal (a pipe, a script): the task, as `hangar task` takes it")
    .action((_words: string[], options: Parameters<typeof runBareHangar>[0], command: Command) =>
      runBareHangar(options, command),
    );
  program.addCommand(serveCommand());
  program.addCommand(runCommand());
  program.addCommand(taskCommand());
  program.addCommand(tuiCommand());
  program.addCommand(languagesCommand());
  program.addCommand(configCommand());
  program.addCommand(doctorCommand());
  program.addCommand(sandboxCommand());
  program.addCommand(imageCommand());
  program.addCommand(agentsCommand());
  program.addCommand(setupCommand());
  program.addCommand(bridgesCommand());
  program.addCommand(credentialsCommand());
  program.addCommand(mcpCommand());
  return program;
}
