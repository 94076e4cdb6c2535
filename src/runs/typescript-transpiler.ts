import { createRequire } from "node:module";
import { HangarError } from "../core/errors.js";

/**
 * TypeScript runs as JavaScript after Hangar strips its types (Node 20 cannot).
 * The compiler is loaded on first use: it costs ~50 MB and a few hundred ms,
 * which a server that never sees TypeScript should not pay.
 */
type TypeScriptModule = typeof import("typescript");
let typescript: Promise<TypeScriptModule> | undefined;

/**
 * The version of the `typescript` package, read from its package.json so that
 * `/languages` can tell it without loading the compiler; "unknown" when it is not installed.
 */
export function typescriptVersion(): string {
  try {
    const manifest = createRequire(import.meta.url)("typescript/package.json") as { version?: unknown };
    return typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "unknown";
  }
}

export interface TranspileOutcome {
  javascript: string;
  /** Syntax errors, formatted like tsc's; empty when the code transpiled. */
  diagnostics: string;
}

export async function transpileTypeScript(
  code: string,
  target: "module" | "script",
): Promise<TranspileOutcome> {
  typescript ??= import("typescript").then((module) => module.default ?? module);
  const ts = await typescript.catch((error: unknown) => {
    throw new HangarError("INTERNAL", "the TypeScript compiler is not installed", { cause: error });
  });
  const output = ts.transpileModule(code, {
    reportDiagnostics: true,
    fileName: target === "module" ? "main.mts" : "main.ts",
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      // A kernel runs scripts with require(); a one-shot run is an ES module (top-level await works).
      module: target === "module" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  const diagnostics = (output.diagnostics ?? [])
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      if (diagnostic.file && diagnostic.start !== undefined) {
        const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
        return `main.ts(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}`;
      }
      return `error TS${diagnostic.code}: ${message}`;
    })
    .join("\n");
  return { javascript: output.outputText, diagnostics };
}
