import { Command } from "commander";
import { maskSecrets } from "../config/load-config.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";

export function configCommand(): Command {
  return withCommonOptions(new Command("config"))
    .description(
      "print the effective configuration (defaults < hangar.toml < environment < flags), secrets masked",
    )
    .action((options: CommonOptions) => {
      process.stdout.write(`${JSON.stringify(maskSecrets(configFromFlags(options)), null, 2)}\n`);
    });
}
