import { Command } from "commander";
import { installAgent, readInstalledAgent, uninstallAgent } from "../agents/catalog/agent-installer.js";
import { createAgentRegistry } from "../agents/catalog/agent-registry.js";
import { HangarError } from "../core/errors.js";
import { withCommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
/** `hangar agents ls|install|uninstall`: the external ACP agents and their installs in `agents.directory`. */
export function agentsCommand() {
    const agents = new Command("agents").description("external coding agents (ACP): list, install, uninstall");
    agents.addCommand(withCommonOptions(new Command("ls"))
        .description("the agent catalog: name, package@version, installed?, load/resume support")
        .option("--json", "print JSON instead of a table")
        .action(async (options) => {
        const registry = createAgentRegistry(configFromFlags(options));
        const rows = await Promise.all(registry.agents.map((agent) => agentRow(registry, agent)));
        if (options.json === true) {
            process.stdout.write(`${JSON.stringify({ directory: registry.directory, default_agent: registry.defaultAgent, agents: rows }, null, 2)}\n`);
            return;
        }
        process.stdout.write(agentTable(rows));
        process.stdout.write(`\nagents directory: ${registry.directory}; default agent: ${registry.defaultAgent}\n`);
    }));
    agents.addCommand(withCommonOptions(new Command("install"))
        .description("install agents' pinned npm packages into the agents directory")
        .argument("<name...>", "agent names (see hangar agents ls)")
        .action(async (names, options) => {
        const registry = createAgentRegistry(configFromFlags(options));
        // Every name is checked before anything is installed.
        const chosen = names.map((name) => registry.require(name));
        for (const agent of chosen) {
            if (agent.package === undefined) {
                throw new HangarError("BAD_REQUEST", `agent ${agent.id} has no npm package to install (its command ${agent.command.path} is in the sandbox image)`, { field: "agent" });
            }
        }
        for (const agent of chosen) {
            await installAgent(agent, {
                directory: registry.directory,
                onProgress: (line) => process.stderr.write(`${line}\n`),
            });
            process.stdout.write(`installed ${agent.id} (${agent.package?.name}@${agent.package?.version})\n`);
        }
    }));
    agents.addCommand(withCommonOptions(new Command("uninstall"))
        .description("remove installed agents from the agents directory")
        .argument("<name...>", "agent names")
        .action(async (names, options) => {
        const registry = createAgentRegistry(configFromFlags(options));
        const chosen = names.map((name) => registry.require(name));
        for (const agent of chosen) {
            const removed = await uninstallAgent(registry.directory, agent.id);
            process.stdout.write(removed ? `uninstalled ${agent.id}\n` : `${agent.id} was not installed\n`);
        }
    }));
    return agents;
}
async function agentRow(registry, agent) {
    const installed = agent.package === undefined ? undefined : await readInstalledAgent(registry.directory, agent.id);
    const state = agent.package === undefined
        ? "n/a"
        : installed === undefined
            ? "no"
            : installed.version === agent.package.version
                ? "yes"
                : "outdated";
    return {
        name: agent.id,
        title: agent.title,
        package: agent.package?.name ?? null,
        version: agent.package?.version ?? null,
        installed: state,
        installed_version: installed?.version ?? null,
        load_session: agent.capabilities.loadSession,
        resume_session: agent.capabilities.resumeSession,
        wire_formats: agent.wireFormats,
        origin: agent.origin,
        default: registry.defaultAgent === agent.id,
    };
}
function agentTable(rows) {
    const header = ["NAME", "PACKAGE", "INSTALLED", "LOAD", "RESUME", "MODEL API"];
    const lines = rows.map((row) => [
        row.default ? `${row.name} *` : row.name,
        row.package === null ? "(in the sandbox image)" : `${row.package}@${row.version}`,
        row.installed === "outdated" ? `outdated (${row.installed_version})` : row.installed,
        row.load_session ? "yes" : "no",
        row.resume_session ? "yes" : "no",
        row.wire_formats.join(", "),
    ]);
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)));
    return [header, ...lines]
        .map((line) => line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd())
        .map((line) => `${line}\n`)
        .join("");
}
//# sourceMappingURL=agents-command.js.map