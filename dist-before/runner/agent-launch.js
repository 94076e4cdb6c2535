// What the agent process gets: a private home with the catalog's files in it and
// a minimal environment, never the runner's own (which may hold whatever the
// sandbox was started with).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
export class LaunchError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
export async function prepareLaunch(server, places) {
    const command = server?.command ?? "";
    if (server === undefined || command === "") {
        throw new LaunchError("AGENT_NOT_CONFIGURED", "agent_config.agent_server.command is required to start an agent");
    }
    const agentId = server.agentId ?? "agent";
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(agentId)) {
        throw new LaunchError("INVALID_ARGUMENT", `agent_server.agent_id ${JSON.stringify(agentId)} is not a plain name`);
    }
    const home = resolve(places.homeRoot, agentId);
    await mkdir(home, { recursive: true, mode: 0o700 });
    for (const [path, content] of Object.entries(server.homeFiles)) {
        const target = resolve(home, path);
        const inside = relative(home, target);
        if (isAbsolute(path) || inside === "" || inside.startsWith("..")) {
            throw new LaunchError("INVALID_ARGUMENT", `home file ${JSON.stringify(path)} leaves the agent's home`);
        }
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        await writeFile(target, content, { mode: 0o600 });
    }
    return {
        command,
        args: server.args,
        env: {
            PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
            HOME: home,
            LANG: process.env.LANG ?? "C.UTF-8",
            TERM: "dumb",
            ...server.env,
        },
        workspace: places.workspace,
    };
}
//# sourceMappingURL=agent-launch.js.map