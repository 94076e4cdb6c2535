import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rule (eslint/layer-rule.js, table in eslint/layers.js) through the
 * project's own eslint.config.js: only type information is switched off, so the
 * snippets need not be files the TypeScript project knows.
 */
// eslint/layers.js is plain JavaScript (ESLint loads it); its shape, for TypeScript:
const layerTablePath = "../../eslint/layers.js";
const { temporaryExceptions } = (await import(layerTablePath)) as {
  temporaryExceptions: Array<{ file: string; imports: string }>;
};
const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: repositoryRoot, overrideConfig: tseslint.configs.disableTypeChecked });

async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "hangar/layers")
    .map((message) => message.message);
}

describe("the layer rule", () => {
  it.each([
    [
      "src/core/x.ts",
      'import { createServer } from "../server/create-server.js";',
      "core/ must not import server/",
    ],
    [
      "src/client/x.ts",
      'import type { SessionView } from "../sessions/session-view.js";',
      "client/ must not import sessions/",
    ],
    [
      "src/server/x.ts",
      'import { createStore } from "../store/create-store.js";',
      "server/ must not import store/",
    ],
    [
      "src/server/routes/x.ts",
      'export * from "../../sandbox/bwrap/bwrap-provider.js";',
      "server/ must not import sandbox/",
    ],
    [
      "src/runs/x.ts",
      'import type { Store } from "../store/create-store.js";',
      "runs/ must not import store/",
    ],
    [
      "src/sandbox/bwrap/x.ts",
      'const languages = await import("../../runs/languages.js");',
      "sandbox/ must not import runs/",
    ],
    [
      "src/cli/x.ts",
      'type Route = import("../server/routes/runs.js").Route;',
      "cli/ must not import server/",
    ],
    [
      "src/protocol/x.ts",
      'import { readFile } from "node:fs/promises";',
      "protocol/ may import only the packages zod",
    ],
    ["src/newfolder/x.ts", "export const x = 1;", "src/newfolder is in no layer"],
    // A nested layer (agents/catalog) has narrower imports than its folder, and is all a front end may reach of it.
    [
      "src/agents/catalog/x.ts",
      'import type { EventLog } from "../../events/event-log.js";',
      "agents/catalog/ must not import events/",
    ],
    [
      "src/agents/catalog/x.ts",
      'import { runAgentLoop } from "../builtin/agent-loop.js";',
      "agents/catalog/ must not import agents/",
    ],
    [
      "src/cli/x.ts",
      'import { runAgentLoop } from "../agents/builtin/agent-loop.js";',
      "cli/ must not import agents/",
    ],
  ])("reports %s: %s", async (filePath, code, expected) => {
    const problems = await layerProblems(filePath, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it.each([
    ["src/core/x.ts", 'import { HangarError } from "./errors.js";'],
    ["src/runs/x.ts", 'import type { SandboxProvider } from "../sandbox/sandbox-port.js";'],
    ["src/store/x.ts", 'import type { RunRepository } from "../runs/run-repository.js";'],
    ["src/cli/x.ts", 'import { createApp } from "../app/create-app.js";'],
    ["src/app/x.ts", 'import { createStore } from "../store/create-store.js";'],
    ["src/protocol/x.ts", 'import { z } from "zod";\nimport { HangarError } from "../core/errors.js";'],
    ["src/main.ts", 'import { buildCli } from "./cli/build-cli.js";'],
    ["src/cli/x.ts", 'import { createAgentRegistry } from "../agents/catalog/agent-registry.js";'],
    ["src/agents/catalog/x.ts", 'import { agentCatalog } from "./agent-catalog.js";'],
    ["src/agents/catalog/x.ts", 'import type { Config } from "../../config/config-schema.js";'],
    ["src/agents/acp/x.ts", 'import { expandAgent } from "../catalog/agent-launch.js";'],
    // Colocated tests may wire real adapters.
    ["src/runs/x.test.ts", 'import { createStore } from "../store/create-store.js";'],
    // Tests and benchmarks outside src/ are not layered.
    ["test/x.test.ts", 'import { createStore } from "../src/store/create-store.js";'],
  ])("allows %s: %s", async (filePath, code) => {
    expect(await layerProblems(filePath, code)).toEqual([]);
  });

  it.runIf(temporaryExceptions.length > 0)(
    "excuses a temporary exception only in the file it names",
    async () => {
      // ESLint loads its own copy of the table, so the test uses an entry that is really there.
      const exception = temporaryExceptions[0]!;
      const target = relative(dirname(exception.file), `src/${exception.imports}/anything.js`);
      const code = `import "${target.startsWith(".") ? target : `./${target}`}";`;
      expect(await layerProblems(exception.file, code)).toEqual([]);
      const sibling = join(dirname(exception.file), "not-excused.ts");
      expect(await layerProblems(sibling, code)).toHaveLength(1);
    },
  );
});
