import SwaggerParser from "@apidevtools/swagger-parser";
import type { HTTPMethods } from "fastify";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusForCode } from "../../src/server/error-handler.js";
import { openApiClientProgram } from "../fixtures/openapi-client-program.js";
import { requireBubblewrap, startHarness, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";

/**
 * What a client author does with Hangar's OpenAPI document: generate
 * TypeScript types from the served `/api/openapi.json` (openapi-typescript),
 * type-check a program written against them with openapi-fetch, and run it
 * against a real Hangar (bubblewrap sandboxes, a scripted model, API keys on).
 * The document itself is validated and checked for what generators need.
 */

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const apiKey = "openapi-client-test-key-0123456789";

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}
interface JsonSchema {
  $ref?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

const methods = ["get", "put", "post", "delete", "patch"] as const;

function operationsOf(document: Document): Array<{ name: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item[method];
      return operation === undefined ? [] : [{ name: `${method.toUpperCase()} ${path}`, operation }];
    }),
  );
}

/** A schema, or the component its `$ref` names. */
function resolve(document: Document, schema: JsonSchema | undefined): JsonSchema | undefined {
  const name = schema?.$ref?.replace("#/components/schemas/", "");
  return name === undefined ? schema : (document.components.schemas[name] as JsonSchema | undefined);
}

/**
 * Every method and path Fastify serves, from its route tree (`printRoutes`
 * draws one node per line, four characters per level), in OpenAPI's spelling.
 */
function registeredRoutes(tree: string): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? "").length / 4;
    const path = (prefixes[depth - 1] ?? "") + (match[2] ?? "");
    prefixes[depth] = path;
    for (const method of (match[3] ?? "").split(", ")) {
      if (method !== "HEAD") routes.push(`${method} ${path.replace(/:(\w+)/g, "{$1}")}`);
    }
  }
  return routes;
}

describe.runIf(requireBubblewrap())("a client generated from the OpenAPI document", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;
  let document: Document;
  let workDirectory: string;

  beforeAll(async () => {
    model = await startScriptedModelServer();
    hangar = await startHarness({
      config: {
        server: { api_keys: [{ key: apiKey, owner: "client-author" }] },
        llm: { default_model: "openai:scripted", max_retries: 0 },
      },
      environment: { OPENAI_API_KEY: "sk-test-openapi-client", OPENAI_BASE_URL: model.openaiBaseUrl },
    });
    const response = await fetch(`${hangar.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
    // Inside the repository, so the program resolves openapi-fetch like a client project would.
    await mkdir(join(repositoryRoot, "node_modules/.cache"), { recursive: true });
    workDirectory = await mkdtemp(join(repositoryRoot, "node_modules/.cache/openapi-client-"));
  });

  afterAll(async () => {
    await hangar?.stop();
    await model?.close();
    if (workDirectory !== undefined) await rm(workDirectory, { recursive: true, force: true });
  });

  it("is a valid OpenAPI document", async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it("documents every route Fastify serves, each with an operationId and a 2xx answer with a schema", () => {
    const documented = operationsOf(document).map(({ name }) => name);
    const served = registeredRoutes(hangar.server.printRoutes({ commonPrefix: false }));
    // Swagger UI's page and assets (and /docs, which leads there) are the documentation's viewer, not part of the API.
    const api = served.filter((route) => !route.startsWith("GET /api/docs") && route !== "GET /docs");
    expect(api.length).toBeGreaterThan(20);
    // printRoutes draws every wildcard route (the credential proxy's `/proxy/github/*`…) as a bare
    // `*` at the top: compare those through the router itself, the rest through the tree.
    const isWildcard = (route: string): boolean => route.endsWith("/{*}") || route.endsWith(" /*");
    expect(documented.filter((route) => !isWildcard(route)).toSorted()).toEqual(
      api.filter((route) => !isWildcard(route)).toSorted(),
    );
    const documentedWildcards = documented.filter(isWildcard);
    expect(documentedWildcards.length).toBeGreaterThan(0);
    for (const route of documentedWildcards) {
      const [method, path] = route.split(" ") as [HTTPMethods, string];
      const url = path.replace("{*}", "*").replace(/\{(\w+)\}/g, ":$1");
      expect(hangar.server.hasRoute({ method, url }), route).toBe(true);
    }
    const wildcardMethods = (routes: string[]) =>
      [...new Set(routes.filter(isWildcard).map((route) => route.split(" ")[0]))].toSorted();
    expect(wildcardMethods(api)).toEqual(wildcardMethods(documented));

    const operationIds = operationsOf(document).map(({ operation }) => operation.operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const { name, operation } of operationsOf(document)) {
      expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith("2"));
      expect(success.length, name).toBeGreaterThan(0);
      for (const [status, answer] of success) {
        if (status === "204") continue;
        const schemas = Object.values(answer.content ?? {}).map((media) => media.schema);
        expect(schemas.length, `${name} ${status}`).toBeGreaterThan(0);
        for (const schema of schemas) expect(schema, `${name} ${status}`).toBeDefined();
      }
    }
  });

  it("documents each error status with the codes that map to it, and a key wherever one is needed", () => {
    const publicOperations = ["getHealth", "getOpenApiDocument", "getRoot"];
    expect(document.components.securitySchemes).toHaveProperty("bearer");
    for (const { name, operation } of operationsOf(document)) {
      const isPublic = publicOperations.includes(operation.operationId ?? "");
      expect(operation.security, name).toEqual(isPublic ? [] : [{ bearer: [] }]);
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect(
        errors.map(([status]) => status),
        name,
      ).toEqual(expect.arrayContaining(isPublic ? ["500", "503"] : ["401", "500", "503"]));
      for (const [status, answer] of errors) {
        const body = resolve(document, answer.content?.["application/json"]?.schema);
        const codes = body?.properties?.error?.properties?.code?.enum;
        expect(codes?.length, `${name} ${status}`).toBeGreaterThan(0);
        for (const code of codes ?? []) {
          const expected = code === "UNSUPPORTED_MEDIA_TYPE" ? 415 : statusForCode[code as "INTERNAL"];
          expect(expected, `${name}: ${code} under ${status}`).toBe(Number(status));
        }
      }
    }
    const run = operationsOf(document).find(({ operation }) => operation.operationId === "runCode");
    expect(Object.keys(run?.operation.responses["200"]?.content ?? {}).toSorted()).toEqual([
      "application/json",
      "text/event-stream",
    ]);
  });

  it("names the shared shapes as components", () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        "RunRequest",
        "RunResult",
        "RunStreamMessage",
        "ChatRequest",
        "ChatResponse",
        "SessionView",
        "SessionEvent",
        "ToolEndEvent",
        "ApiError",
        "Sandbox",
      ]),
    );
    // Generators for languages without unions pick the event's class by its name.
    expect(document.components.schemas.SessionEvent).toMatchObject({
      discriminator: {
        propertyName: "name",
        mapping: { "tool.end": "#/components/schemas/ToolEndEvent" },
      },
    });
    expect(document.components.schemas.RunStreamMessage).toMatchObject({
      discriminator: { propertyName: "event", mapping: { end: "#/components/schemas/RunEndMessage" } },
    });
    const progress = document.paths["/agent/progress/{session_id}"]?.get?.responses["200"];
    expect(progress?.content?.["text/event-stream"]?.schema).toEqual({
      $ref: "#/components/schemas/SessionEvent",
    });
  });

  it("generates types a strict program type-checks against, and that program works against Hangar", async () => {
    const schema = astToString(await openapiTS(new URL(`${hangar.url}/api/openapi.json`)));
    await writeFile(join(workDirectory, "schema.d.ts"), schema);
    await writeFile(join(workDirectory, "package.json"), JSON.stringify({ type: "module" }));
    const programPath = join(workDirectory, "program.ts");
    await writeFile(programPath, openApiClientProgram);

    const program = ts.createProgram([programPath], {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    expect(diagnostics).toEqual([]);

    const compiled = ts.transpileModule(openApiClientProgram, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const modulePath = join(workDirectory, "program.mjs");
    await writeFile(modulePath, compiled.outputText);
    const { exercise } = (await import(pathToFileURL(modulePath).href)) as {
      exercise: (baseUrl: string, key: string) => Promise<Record<string, unknown>>;
    };

    model.enqueue({ text: "hello from the scripted model" });
    const outcome = await exercise(hangar.url, apiKey);
    expect(outcome.languages).toContain("python");
    expect(outcome.run).toMatchObject({ status: "ok", stdout: "42\n", exitCode: 0, language: "python" });
    expect(outcome.polled).toMatchObject({ status: "ok", stdout: "later\n" });
    expect(outcome.streamedEvents).toEqual(["start", "stdout", "end"]);
    expect(outcome.answer).toBe("hello from the scripted model");
    expect(outcome.eventNames).toContain("session.ended");
    expect(outcome.errorCode).toBe("UNKNOWN_LANGUAGE");
    expect(outcome.errorField).toBe("language");
    expect(outcome.unauthorizedCode).toBe("UNAUTHORIZED");
    expect(outcome.checks).toEqual([true, true, true, true]);
  }, 120_000);
});
