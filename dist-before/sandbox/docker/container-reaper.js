import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findSourceAsset } from "../../core/source-assets.js";
export function startContainerReaper(endpoint, instance) {
    const child = spawn(process.execPath, [reaperScript(), endpoint, instance], {
        // Its own process group: a signal to the server's group (Ctrl-C, kill -- -pgid) does not reach it.
        detached: true,
        stdio: ["pipe", "ignore", "ignore"],
    });
    child.on("error", () => undefined);
    child.stdin.on("error", () => undefined);
    // Neither the child nor the pipe may keep the server's event loop alive.
    child.unref();
    child.stdin.unref?.();
    return {
        stop: () => {
            if (child.exitCode === null && child.signalCode === null)
                child.kill("SIGKILL");
        },
    };
}
/** The script beside this module in src/, or in src/ when this module runs from dist/. */
function reaperScript() {
    const name = "container-reaper.cjs";
    return (findSourceAsset(import.meta.url, "src/sandbox/docker", name) ??
        join(dirname(fileURLToPath(import.meta.url)), name));
}
//# sourceMappingURL=container-reaper.js.map