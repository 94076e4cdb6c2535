import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
/**
 * A file that is not TypeScript (a kernel script, a tool's .md, the spawn
 * server's .py) lives beside its module in `src/`; tsc copies none of them, so
 * a module running from `dist/` (or `dist/src/`, `dist-bench/src/`) finds it in
 * the source tree: beside itself first, then `<ancestor>/<sourceDirectory>/<name>`
 * for each directory above it. Undefined when there is none.
 */
export function findSourceAsset(moduleUrl, sourceDirectory, name) {
    let directory = dirname(fileURLToPath(moduleUrl));
    const beside = join(directory, name);
    if (existsSync(beside))
        return beside;
    for (;;) {
        const candidate = join(directory, sourceDirectory, name);
        if (existsSync(candidate))
            return candidate;
        const parent = dirname(directory);
        if (parent === directory)
            return undefined;
        directory = parent;
    }
}
//# sourceMappingURL=source-assets.js.map