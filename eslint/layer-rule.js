// A local ESLint rule that keeps imports pointing inward: it resolves each relative
// import of a file in src/ to the folder it lands in and checks that folder against
// the importing folder's allowed list (eslint/layers.js). Local because the rule is
// small and eslint-plugin-import would be a dependency for one check.
import { isAbsolute, relative, resolve, sep } from "node:path";
import { allowedPackages, layers, temporaryExceptions } from "./layers.js";

// Found from this file, not the working directory, so eslint run from anywhere agrees.
const repositoryRoot = resolve(import.meta.dirname, "..");
const sourceRoot = resolve(repositoryRoot, "src");

/**
 * The layer a path lands in: its top folder under src/, or a nested folder that
 * layers.js lists as a layer of its own (e.g. `agents/catalog`), the deepest first,
 * so a small part of a folder can have narrower imports than the rest of it.
 * @param {string} path an absolute path @param {string} root @returns {string | undefined}
 */
function layerOf(path, root) {
  const inside = relative(root, path);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return undefined;
  const folders = inside.split(sep).slice(0, -1);
  for (let depth = folders.length; depth > 1; depth -= 1) {
    const nested = folders.slice(0, depth).join("/");
    if (Object.hasOwn(layers, nested)) return nested;
  }
  return inside.split(sep)[0];
}

/** `zod` for `zod/v4`, `@scope/name` for `@scope/name/sub`, `node:` for any builtin. */
function packageName(/** @type {string} */ specifier) {
  if (specifier.startsWith("node:")) return "node:";
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** @type {import("eslint").Rule.RuleModule} */
const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "imports point inward, as the layer diagram of docs/architecture.md says" },
    schema: [],
    messages: {
      wrongWay:
        "{{from}}/ must not import {{to}}/ ('{{specifier}}'): the layers of docs/architecture.md allow {{allowed}}.",
      outsideSource: "'{{specifier}}' leaves src/: code in src/ imports only src/ and packages.",
      unknownFolder: "src/{{from}} is in no layer: add it to eslint/layers.js.",
      package: "{{from}}/ may import only the packages {{allowed}}, not '{{specifier}}'.",
    },
  },
  create(context) {
    const root = sourceRoot;
    const file = context.filename;
    const from = layerOf(file, root);
    if (from === undefined) return {};
    const allowed = layers[from];
    const fileInRepository = relative(repositoryRoot, file).split(sep).join("/");
    const excused = new Set(
      temporaryExceptions
        .filter((exception) => exception.file === fileInRepository)
        .map((exception) => exception.imports),
    );

    /** @param {import("estree").Node} node @param {unknown} specifier */
    function check(node, specifier) {
      if (typeof specifier !== "string" || allowed === undefined) return;
      if (!specifier.startsWith(".")) {
        const packages = allowedPackages[from];
        if (packages !== undefined && !packages.includes(packageName(specifier))) {
          context.report({
            node,
            messageId: "package",
            data: { from, specifier, allowed: packages.join(", ") },
          });
        }
        return;
      }
      const to = layerOf(resolve(file, "..", specifier), root);
      if (to === undefined) {
        context.report({ node, messageId: "outsideSource", data: { specifier } });
        return;
      }
      if (to === from || allowed.includes(to) || excused.has(to)) return;
      context.report({
        node,
        messageId: "wrongWay",
        data: { from, to, specifier, allowed: allowed.length === 0 ? "nothing" : allowed.join(", ") },
      });
    }

    /** @param {any} node */
    const checkSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      Program(node) {
        if (allowed === undefined) context.report({ node, messageId: "unknownFolder", data: { from } });
      },
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node.source, node.source.value);
      },
      /** `import("../x.js").Type` in a type position. @param {any} node */
      TSImportType(node) {
        check(node, node.source?.value ?? node.argument?.literal?.value);
      },
    };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };

/**
 * The config block that turns the rule on for src/. Colocated tests (`*.test.ts`)
 * are left out: a test may wire real adapters under the code it tests.
 */
export const layerConfig = {
  files: ["src/**/*.{ts,tsx}"],
  ignores: ["src/**/*.test.{ts,tsx}"],
  plugins: { hangar: layersPlugin },
  rules: { "hangar/layers": "error" },
};
