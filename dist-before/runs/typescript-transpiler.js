import * as nodeModule from "node:module";
import { createRequire } from "node:module";
import { HangarError } from "../core/errors.js";
let typescript;
/**
 * The version of the `typescript` package, read from its package.json so that
 * `/languages` can tell it without loading the compiler; "unknown" when it is not installed.
 */
export function typescriptVersion() {
    try {
        const manifest = createRequire(import.meta.url)("typescript/package.json");
        return typeof manifest.version === "string" ? manifest.version : "unknown";
    }
    catch {
        return "unknown";
    }
}
/** Node's type stripper, when this Node has one. */
export const nodeTypeStripper = nodeModule.stripTypeScriptTypes;
export async function transpileTypeScript(code, target) {
    // Kernels need imports turned into require(), which only the compiler does.
    if (target === "module" && nodeTypeStripper !== undefined) {
        const javascript = stripWithNode(nodeTypeStripper, code);
        // Invalid syntax: the compiler's diagnostics say where, as tsc would.
        if (javascript !== undefined)
            return { javascript, diagnostics: "", engine: "node" };
    }
    typescript ??= import("typescript").then((module) => module.default ?? module);
    const ts = await typescript.catch((error) => {
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
    return { javascript: output.outputText, diagnostics, engine: "typescript" };
}
/** The stripped code; undefined when Node refuses the syntax. */
function stripWithNode(strip, code) {
    // Node warns once per process that the function is experimental; for a user of
    // `hangar run x.ts` that line would read as their program's output.
    const original = Reflect.get(process, "emitWarning");
    const filtered = (warning, ...rest) => {
        if (String(warning).includes("stripTypeScriptTypes"))
            return;
        Reflect.apply(original, process, [warning, ...rest]);
    };
    Reflect.set(process, "emitWarning", filtered);
    try {
        // transform, not strip-only: enums, namespaces and parameter properties work too.
        return strip(code, { mode: "transform" });
    }
    catch (error) {
        const code = error.code;
        if (code === "ERR_INVALID_TYPESCRIPT_SYNTAX" || code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX")
            return undefined;
        throw error;
    }
    finally {
        Reflect.set(process, "emitWarning", original);
    }
}
//# sourceMappingURL=typescript-transpiler.js.map