import { resolve } from "node:path";
import { Command } from "commander";
import { defaultsPrompter, readlinePrompter, SetupCancelled, type Prompter } from "./setup/prompter.js";
import { localSetupHost } from "./setup/local-setup-host.js";
import { runSetup } from "./setup/setup-wizard.js";

interface SetupCommandOptions {
  config?: string;
  yes?: boolean;
  probes: boolean;
}

/** `hangar setup`: asks for the settings a first start needs and writes a commented hangar.toml. */
export function setupCommand(): Command {
  return new Command("setup")
    .description(
      "interactive wizard that writes a commented hangar.toml: sandbox provider, model, default agent, port, API keys, chat bridges",
    )
    .option("--config <file>", "the file to write (default: ./hangar.toml)")
    .option("-y, --yes", "accept every default without asking, and write (for scripts and CI)")
    .option(
      "--no-probes",
      "do not start sandboxes to probe isolation; only check each provider's prerequisites",
    )
    .action(async (options: SetupCommandOptions) => {
      const prompter: Prompter =
        options.yes === true
          ? defaultsPrompter(process.stdout)
          : readlinePrompter(process.stdin, process.stdout);
      try {
        await runSetup({
          path: resolve(options.config ?? "hangar.toml"),
          prompter,
          host: localSetupHost({ isProbing: options.probes }),
        });
      } catch (error) {
        if (!(error instanceof SetupCancelled)) throw error;
        process.stderr.write(`\nhangar: ${error.message}\n`);
        process.exitCode = 1;
      } finally {
        prompter.close();
      }
    });
}
