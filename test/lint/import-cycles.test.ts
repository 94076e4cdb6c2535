import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * No two modules of src/ import each other, however indirectly: a cycle makes load
 * order matter and hides which of two modules is the lower one. Type-only imports
 * count too. Known cycles, each with the reason it is tolerated, are listed here
 * until they are gone.
 */
const knownCycles: Array<{ modules: string[]; until: string }> = [
  {
    modules: [
      "sandbox/cgroups/cgroup-driver.ts",
      "sandbox/cgroups/cgroup-v1.ts",
      "sandbox/cgroups/cgroup-v2.ts",
    ],
    until: "the drivers' shared types leave cgroup-driver.ts",
  },
];

const sourceRoot = fileURLToPath(new URL("../../src", import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Each module's relative imports (static, dynamic, `export … from`), as paths of .ts (or the TUI's .tsx) files. */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    graph.set(
      file,
      importedFiles
        .map((imported) => imported.fileName)
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, ".ts"))
        .map((path) => (existsSync(path) || !existsSync(`${path}x`) ? path : `${path}x`)),
    );
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan), each sorted. */
function cycles(graph: Map<string, string[]>): string[][] {
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (module: string): void => {
    order.set(module, order.size);
    lowest.set(module, order.get(module)!);
    stack.push(module);
    onStack.add(module);
    for (const next of graph.get(module) ?? []) {
      if (!graph.has(next)) continue;
      if (!order.has(next)) {
        visit(next);
        lowest.set(module, Math.min(lowest.get(module)!, lowest.get(next)!));
      } else if (onStack.has(next)) {
        lowest.set(module, Math.min(lowest.get(module)!, order.get(next)!));
      }
    }
    if (lowest.get(module) !== order.get(module)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    if (component.length > 1) found.push(component.sort());
  };
  for (const module of graph.keys()) if (!order.has(module)) visit(module);
  return found;
}

describe("imports in src/", () => {
  it("form no cycles beyond the known ones", () => {
    const found = cycles(importGraph(sourceFiles(sourceRoot))).map((component) =>
      component.map((module) => relative(sourceRoot, module)),
    );
    const known = new Set(knownCycles.map((cycle) => [...cycle.modules].sort().join(" ")));
    expect(found.filter((component) => !known.has(component.join(" ")))).toEqual([]);
  });

  it("finds a cycle when there is one (build-cli.ts ↔ a command, as it used to be)", () => {
    const graph = importGraph(sourceFiles(sourceRoot));
    const buildCli = join(sourceRoot, "cli/build-cli.ts");
    expect(graph.get(buildCli)).toContain(join(sourceRoot, "cli/serve-command.ts"));
    expect(
      cycles(new Map([...graph, [join(sourceRoot, "cli/serve-command.ts"), [buildCli]]])),
    ).toContainEqual([buildCli, join(sourceRoot, "cli/serve-command.ts")].sort());
  });
});
