import { Command, Option } from "commander";
export function withCommonOptions(command) {
    return command
        .option("--config <file>", "config file (default: ./hangar.toml when present)")
        .option("--data-dir <directory>", "where Hangar keeps its database and state (default: .hangar)")
        .addOption(new Option("--log-level <level>", "log level").choices([
        "fatal",
        "error",
        "warn",
        "info",
        "debug",
        "trace",
        "silent",
    ]))
        .addOption(new Option("--log-format <format>", "log lines: auto (readable on a terminal, else JSON), json, pretty").choices(["auto", "json", "pretty"]));
}
//# sourceMappingURL=common-options.js.map