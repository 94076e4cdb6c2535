import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The model reads each tool's description from `<tool-name>.md` beside the
 * tool's source. tsc copies no .md files, so from `dist/` they are found in
 * the source tree, the way `kernelDirectory()` finds the kernel scripts.
 */
export function toolDescriptionDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const relative = ["src", "agents", "builtin", "tools"];
  const candidates = [
    here,
    join(here, "..", "..", "..", "..", ...relative), // dist/agents/builtin/tools
    join(here, "..", "..", "..", "..", "..", ...relative), // dist/src/agents/builtin/tools
  ];
  return candidates.find((candidate) => existsSync(join(candidate, "bash.md"))) ?? here;
}

const descriptions = new Map<string, string>();

/** The description of one tool; a missing file is a packaging bug, so it throws. */
export function toolDescription(toolName: string): string {
  let description = descriptions.get(toolName);
  if (description === undefined) {
    description = readFileSync(join(toolDescriptionDirectory(), `${toolName}.md`), "utf8").trim();
    descriptions.set(toolName, description);
  }
  return description;
}
