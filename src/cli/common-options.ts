import { Command, Option } from "commander";

/** Options every command that reads config accepts. */
export interface CommonOptions {
  config?: string;
  dataDir?: string;
  logLevel?: string;
  logFormat?: string;
}

export function withCommonOptions(command: Command): Command {
  return command
    .option("--config <file>", "config file (default: ./hangar.toml when present)")
    .option("--data-dir <directory>", "where Hangar keeps its database and state (default: .hangar)")
    .addOption(
      new Option("--log-level <level>", "log level").choices([
        "fatal",
        "error",
        "warn",
        "info",
        "debug",
        "trace",
        "silent",
      ]),
    )
    .addOption(
      new Option(
        "--log-format <format>",
        "log lines: auto (readable on a terminal, else JSON), json, pretty",
      ).choices(["auto", "json", "pretty"]),
    );
}
