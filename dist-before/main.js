#!/usr/bin/env node
import { buildCli } from "./cli/build-cli.js";
import { loadDotEnvFile } from "./config/dotenv-file.js";
import { HangarError, errorMessage } from "./core/errors.js";
/** Entry point: argv → commander → config → app. Errors become one clear line, never a stack trace. */
// `hangar languages | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
    if (error.code === "EPIPE")
        process.exit(0);
    throw error;
});
try {
    // Before anything reads the environment: .env fills in what the shell did not set.
    loadDotEnvFile();
    await buildCli().parseAsync(process.argv);
}
catch (error) {
    if (error instanceof HangarError) {
        process.stderr.write(`hangar: ${error.message}\n`);
        process.exitCode = error.code === "CONFIG_INVALID" ? 78 : 1;
    }
    else {
        process.stderr.write(`hangar: ${errorMessage(error)}\n`);
        process.exitCode = 1;
    }
}
//# sourceMappingURL=main.js.map