import { spawn } from "node:child_process";
/** Node's own `spawn`: a fork of this whole process (see `spawn-server.py` for why that is slow). */
export const launchWithNode = (launch) => {
    const width = Math.max(launch.streams, ...launch.data.map((entry) => entry.fd + 1));
    const stdio = Array.from({ length: width }, (_, fd) => fd < launch.streams || launch.data.some((entry) => entry.fd === fd) ? "pipe" : "ignore");
    const child = spawn(launch.file, launch.args, {
        stdio: stdio,
        env: launch.env,
        cwd: launch.cwd,
        detached: launch.detached,
        ...(launch.uid === undefined ? {} : { uid: launch.uid, gid: launch.gid ?? launch.uid }),
    });
    for (const { fd, content } of launch.data) {
        const pipe = child.stdio[fd];
        pipe.on("error", () => undefined);
        pipe.end(content);
    }
    return Promise.resolve(child);
};
//# sourceMappingURL=child-launcher.js.map