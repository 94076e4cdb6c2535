// AgentMgmtService: the agents the control plane installed and mounted read-only
// into the sandbox (one directory each, with a hangar-agent.json). The runner
// lists and checks them; it never installs (the sandbox has no network).
import { accessSync, constants, readdirSync, readFileSync, statSync } from "node:fs";
import { arch, platform, type } from "node:os";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { AgentInstallStatus, AgentMgmtService, InstallType } from "../runner-protocol/agent_pb.js";
export const installRefusal = "agents are installed on the control plane: hangar agents install NAME";
function inspect(directory) {
    const manifestPath = join(directory, "hangar-agent.json");
    let manifest;
    try {
        manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    }
    catch {
        return undefined;
    }
    if (typeof manifest.agent_id !== "string" || typeof manifest.command !== "string")
        return undefined;
    const found = locate(directory, manifest.command);
    return {
        agentId: manifest.agent_id,
        ...(typeof manifest.version === "string" ? { version: manifest.version } : {}),
        binaryPath: found.path,
        installType: typeof manifest.npm_package === "string" ? InstallType.NPM : InstallType.BINARY,
        installedAt: BigInt(Math.floor(statSync(manifestPath).mtimeMs)),
        fileExists: found.exists,
        executable: found.exists && isExecutable(found.path),
        inPath: found.inPath,
    };
}
/** A command is a path (relative to the agent's directory) or a bare name looked up in PATH. */
function locate(directory, command) {
    if (isAbsolute(command) || command.includes("/")) {
        const path = resolve(directory, command);
        return { path, exists: exists(path), inPath: false };
    }
    for (const folder of (process.env.PATH ?? "").split(delimiter)) {
        const path = join(folder, command);
        if (folder !== "" && exists(path))
            return { path, exists: true, inPath: true };
    }
    return { path: command, exists: false, inPath: false };
}
function exists(path) {
    try {
        return statSync(path).isFile();
    }
    catch {
        return false;
    }
}
function isExecutable(path) {
    try {
        accessSync(path, constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function statusOf(agent) {
    return agent.executable ? AgentInstallStatus.AVAILABLE : AgentInstallStatus.BROKEN;
}
export function listInstalledAgents(agentsDirectory) {
    let entries;
    try {
        entries = readdirSync(agentsDirectory);
    }
    catch {
        return [];
    }
    return entries
        .sort()
        .map((entry) => inspect(join(agentsDirectory, entry)))
        .filter((agent) => agent !== undefined);
}
const systemInfo = () => ({ os: type(), arch: arch(), platform: platform() });
export function agentManagementService(agentsDirectory) {
    return {
        async listAgents() {
            const agents = listInstalledAgents(agentsDirectory);
            return {
                systemInfo: systemInfo(),
                agents: agents.map((agent) => ({
                    agentId: agent.agentId,
                    installType: agent.installType,
                    status: statusOf(agent),
                    version: agent.version,
                    binaryPath: agent.binaryPath,
                    installedAt: agent.installedAt,
                })),
                total: agents.length,
                installDir: agentsDirectory,
            };
        },
        async checkAgent(request) {
            const agent = listInstalledAgents(agentsDirectory).find((each) => each.agentId === request.agentId &&
                (request.version === undefined || each.version === request.version));
            if (agent === undefined) {
                return {
                    systemInfo: systemInfo(),
                    agent: {
                        agentId: request.agentId,
                        installType: InstallType.UNSPECIFIED,
                        installed: false,
                        status: AgentInstallStatus.NOT_INSTALLED,
                        staticChecks: { fileExists: false, executable: false, inPath: false },
                    },
                };
            }
            return {
                systemInfo: systemInfo(),
                agent: {
                    agentId: agent.agentId,
                    installType: agent.installType,
                    installed: true,
                    status: statusOf(agent),
                    version: agent.version,
                    versionCheckSupported: false,
                    staticChecks: { fileExists: agent.fileExists, executable: agent.executable, inPath: agent.inPath },
                },
            };
        },
        async installAgent(requests) {
            let agentId = "";
            for await (const request of requests)
                agentId ||= request.metadata?.agentId ?? "";
            return {
                agentId,
                status: AgentInstallStatus.NOT_INSTALLED,
                action: "refused",
                installed: false,
                message: installRefusal,
            };
        },
        async uninstallAgent(request) {
            // Nothing is removed: the agents directory is the control plane's, mounted read-only.
            return {
                uninstalled: false,
                installType: InstallType.UNSPECIFIED,
                agentId: request.agentId,
                removedVersions: [],
            };
        },
    };
}
//# sourceMappingURL=agent-catalog.js.map