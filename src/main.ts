#!/usr/bin/env node
import { buildCli } from "./cli/build-cli.js";
import { HangarError, errorMessage } from "./core/errors.js";

/** Entry point: argv → commander → config → app. Errors become one clear line, never a stack trace. */
try {
  await buildCli().parseAsync(process.argv);
} catch (error) {
  if (error instanceof HangarError) {
    process.stderr.write(`hangar: ${error.message}\n`);
    process.exitCode = error.code === "CONFIG_INVALID" ? 78 : 1;
  } else {
    process.stderr.write(`hangar: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
