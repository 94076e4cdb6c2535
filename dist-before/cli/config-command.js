import { Command } from "commander";
import { maskSecrets } from "../config/load-config.js";
import { withCommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
export function configCommand() {
    return withCommonOptions(new Command("config"))
        .description("print the effective configuration (defaults < hangar.toml < environment < flags), secrets masked")
        .action((options) => {
        process.stdout.write(`${JSON.stringify(maskSecrets(configFromFlags(options)), null, 2)}\n`);
    });
}
//# sourceMappingURL=config-command.js.map