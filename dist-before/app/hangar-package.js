import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
/**
 * Where this Hangar is installed: the directory of its package.json, found by
 * walking up from this module (src/, dist/, dist-bench/); what the install
 * ships besides code (the agent runner bundle) is found from there.
 */
export function hangarPackage() {
    for (let directory = dirname(fileURLToPath(import.meta.url));; directory = dirname(directory)) {
        const candidate = join(directory, "package.json");
        if (existsSync(candidate)) {
            const parsed = JSON.parse(readFileSync(candidate, "utf8"));
            if (parsed.name === "hangar" && parsed.version)
                return { directory, version: parsed.version };
        }
        if (directory === dirname(directory))
            return undefined;
    }
}
/** The version in Hangar's package.json. */
export function hangarVersion() {
    return hangarPackage()?.version ?? "unknown";
}
/**
 * The host directories every sandbox mounts for external agents: the runner
 * bundle the build writes to `<install>/dist/runner`, and `agents.directory`
 * (by default `<data dir>/agents`), which `hangar agents install` fills.
 */
export function agentDirectories(config, dataDirectory) {
    const install = hangarPackage()?.directory ?? process.cwd();
    return {
        runner: join(install, "dist", "runner"),
        agents: resolve(config.agents.directory ?? join(dataDirectory, "agents")),
    };
}
//# sourceMappingURL=hangar-package.js.map