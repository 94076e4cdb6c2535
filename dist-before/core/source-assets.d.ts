/**
 * A file that is not TypeScript (a kernel script, a tool's .md, the spawn
 * server's .py) lives beside its module in `src/`; tsc copies none of them, so
 * a module running from `dist/` (or `dist/src/`, `dist-bench/src/`) finds it in
 * the source tree: beside itself first, then `<ancestor>/<sourceDirectory>/<name>`
 * for each directory above it. Undefined when there is none.
 */
export declare function findSourceAsset(moduleUrl: string, sourceDirectory: string, name: string): string | undefined;
