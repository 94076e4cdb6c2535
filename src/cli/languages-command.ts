import { Command } from "commander";
import { detectLanguages, LanguageRegistry } from "../runs/languages.js";

export function languagesCommand(): Command {
  return new Command("languages")
    .description("list the languages this machine can run, with versions")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const languages = new LanguageRegistry(await detectLanguages()).describe();
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ languages }, null, 2)}\n`);
        return;
      }
      for (const language of languages) {
        const traits = [language.stateful ? "stateful" : "", language.compiled ? "compiled" : ""].filter(
          Boolean,
        );
        const aliases = language.aliases.length ? ` (${language.aliases.join(", ")})` : "";
        process.stdout.write(
          `${language.name.padEnd(12)} ${language.version.padEnd(10)} ${traits.join(", ")}${aliases}\n`,
        );
      }
    });
}
