import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { sandboxLimits } from "../app/create-app.js";
import { createProvider } from "../app/create-provider.js";
import { LanguageRegistry } from "../runs/languages.js";
import { withCommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
/**
 * The languages the configured provider can run: the host's toolchains for
 * bwrap, the image's for Docker (probed in one short-lived container).
 */
export function languagesCommand() {
    return withCommonOptions(new Command("languages"))
        .description("list the languages the configured sandbox provider can run, with versions")
        .option("--json", "print JSON")
        .action(async (options) => {
        const languages = new LanguageRegistry(await detectConfiguredLanguages(options)).describe();
        if (options.json) {
            process.stdout.write(`${JSON.stringify({ languages }, null, 2)}\n`);
            return;
        }
        for (const language of languages) {
            const traits = [language.stateful ? "stateful" : "", language.compiled ? "compiled" : ""].filter(Boolean);
            const aliases = language.aliases.length ? ` (${language.aliases.join(", ")})` : "";
            process.stdout.write(`${language.name.padEnd(12)} ${language.version.padEnd(10)} ${traits.join(", ")}${aliases}\n`);
        }
    });
}
async function detectConfiguredLanguages(options) {
    const config = configFromFlags(options);
    // Its own throw-away instance, so it never touches a running server's sandboxes.
    const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-languages-"));
    const { provider, detectLanguages } = createProvider(config, {
        dataDirectory,
        limits: sandboxLimits(config),
        poolSize: 0,
        instance: `languages-${process.pid}`,
    });
    try {
        await provider.start();
        return await detectLanguages();
    }
    finally {
        await provider.stop();
        await rm(dataDirectory, { recursive: true, force: true });
    }
}
//# sourceMappingURL=languages-command.js.map