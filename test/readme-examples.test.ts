import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireBubblewrap, startHarness, type Harness } from "./fixtures/hangar-harness.js";
import {
  startScriptedModelServer,
  type ScriptedModelServer,
  type ScriptedReply,
} from "./fixtures/scripted-model-server.js";

/**
 * Runs README.md's examples against a real server, so the README cannot drift
 * from what Hangar does. A fenced block whose info string is `ts readme-test`
 * or `sh readme-test` is an example to run, in README order (later blocks may
 * use what earlier ones made, as a reader going down the page would):
 *
 * - TypeScript runs as a user's program: compiled by esbuild and started with
 *   node in a directory inside this package, so `import … from "hangar/client"`
 *   resolves through package.json's `exports` to the built `dist/` (and its
 *   `.d.ts`: every block is type-checked first). A block without `new Hangar(`
 *   goes on from the first one: it gets the client `hangar`. A comment
 *   `// → text` is output the block must print, in order.
 * - sh runs under `bash -euo pipefail` with `curl` failing on an HTTP error.
 * - `http://127.0.0.1:8087` and `localhost:8087` become the test server.
 * - `readme-test=NAME` names an agent example: the scripted model answers it
 *   with `agentScripts[NAME]`.
 */
const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
const documentedUrl = "http://127.0.0.1:8087";

const agentScripts: Record<string, ScriptedReply[]> = {
  "agent-task": [
    { toolCalls: [{ name: "write_file", input: { path: "hello.py", content: "print('hello')\n" } }] },
    { toolCalls: [{ name: "bash", input: { command: "python3 hello.py" } }] },
    { text: "hello.py prints hello." },
  ],
  "agent-curl": [{ text: "Hello!" }],
  "agent-approval": [
    { toolCalls: [{ name: "bash", input: { command: "pytest -q" } }] },
    { text: "Ran them." },
  ],
  "agent-cancel": [{ toolCalls: [{ name: "bash", input: { command: "echo tailing; sleep 300" } }] }],
};

interface Example {
  language: "ts" | "sh";
  name: string | undefined;
  code: string;
  /** The line of README.md the block starts on, for failure messages. */
  line: number;
}

function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const opening = /^```(ts|sh) readme-test(?:=([\w-]+))?\s*$/.exec(lines[index]!);
    if (opening === null) continue;
    const closing = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    if (closing === -1) throw new Error(`README.md:${index + 1}: the example is never closed`);
    examples.push({
      language: opening[1] as "ts" | "sh",
      name: opening[2],
      code: lines.slice(index + 1, closing).join("\n") + "\n",
      line: index + 1,
    });
    index = closing;
  }
  return examples;
}

const examples = readmeExamples(readFileSync(join(repositoryRoot, "README.md"), "utf8"));
const clientPrelude =
  'import { Hangar, HangarClientError } from "hangar/client";\n' +
  `const hangar = new Hangar({ url: "${documentedUrl}", apiKey: process.env.HANGAR_API_KEY });\n`;

function typeScriptSource(example: Example): string {
  return example.code.includes("new Hangar(") ? example.code : clientPrelude + example.code;
}

/** The `// → text` comments: what the example says it prints. */
function expectedOutput(code: string): string[] {
  return [...code.matchAll(/\/\/ → (.+)$/gm)].map((match) => match[1]!.trim());
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The test server has no keys; a key in the developer's environment must not reach it. */
const { HANGAR_API_KEY: _ignored, ...withoutApiKey } = process.env;

function run(command: string, args: string[], directory: string, timeoutMs = 90_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: directory,
      env: withoutApiKey,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(requireBubblewrap())("README examples", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;
  let directory: string;

  beforeAll(async () => {
    if (!existsSync(join(repositoryRoot, "dist/client/sdk/index.d.ts")))
      throw new Error("dist/client is not built: run npm run build (npm test does)");
    model = await startScriptedModelServer();
    hangar = await startHarness({
      config: {
        llm: { default_model: "openai:scripted", max_retries: 0 },
        agents: { interaction_timeout_seconds: 30, stuck_turn_seconds: 30 },
      },
      environment: { OPENAI_API_KEY: "sk-scripted", OPENAI_BASE_URL: model.openaiBaseUrl },
    });
    // Inside the package, so the examples import it by its name as a user's project would.
    directory = await mkdtemp(join(repositoryRoot, ".readme-examples-"));
  });

  afterAll(async () => {
    await hangar?.stop();
    await model?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => model.reset());

  it("finds the examples, and a model script for every named one", () => {
    expect(examples.filter((example) => example.language === "ts").length).toBeGreaterThanOrEqual(9);
    expect(examples.filter((example) => example.language === "sh").length).toBeGreaterThanOrEqual(5);
    const names = examples.flatMap((example) => (example.name === undefined ? [] : [example.name]));
    expect(names.sort()).toEqual(Object.keys(agentScripts).sort());
  });

  it("type-checks every TypeScript example against the built .d.ts", async () => {
    const files: string[] = [];
    for (const example of examples.filter((candidate) => candidate.language === "ts")) {
      const file = `readme-${example.line}.ts`;
      await writeFile(join(directory, file), typeScriptSource(example));
      files.push(file);
    }
    const compiler = join(repositoryRoot, "node_modules/typescript/bin/tsc");
    const options = ["--noEmit", "--strict", "--skipLibCheck", "--types", "node"];
    const checked = await run(
      process.execPath,
      [compiler, ...options, "--module", "nodenext", "--target", "es2022", ...files],
      directory,
    );
    // readme-N.ts is the example at README.md:N, behind a two-line prelude when it goes on from the first.
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  for (const example of examples) {
    it(`runs the ${example.language} example at README.md:${example.line}${example.name ? ` (${example.name})` : ""}`, async () => {
      if (example.name !== undefined) model.enqueue(...agentScripts[example.name]!);
      const port = new URL(hangar.url).host;
      let finished: Finished;
      if (example.language === "ts") {
        const source = typeScriptSource(example).replaceAll(documentedUrl, hangar.url);
        const compiled = await transform(source, { loader: "ts", format: "esm", target: "node20" });
        const file = `readme-${example.line}.mjs`;
        await writeFile(join(directory, file), compiled.code);
        finished = await run(process.execPath, [file], directory);
      } else {
        const script =
          'curl() { command curl --fail-with-body --max-time 60 "$@"; }\n' +
          example.code.replaceAll("localhost:8087", port).replaceAll("127.0.0.1:8087", port);
        finished = await run("/bin/bash", ["-euo", "pipefail", "-c", script], directory);
      }
      const report = `README.md:${example.line} exited ${finished.code}\n${finished.stderr}\n${finished.stdout}`;
      expect(finished.code, report).toBe(0);
      let from = 0;
      for (const expected of expectedOutput(example.code)) {
        const at = finished.stdout.indexOf(expected, from);
        expect(
          at,
          `README.md:${example.line} should print "${expected}"\n${finished.stdout}`,
        ).toBeGreaterThan(-1);
        from = at + expected.length;
      }
    });
  }
});
