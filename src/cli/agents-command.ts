import { Command } from "commander";
import type { AgentDefinition } from "../agents/catalog/agent-catalog.js";
import { installAgent, readInstalledAgent, uninstallAgent } from "../agents/catalog/agent-installer.js";
import { createAgentRegistry, type AgentRegistry } from "../agents/catalog/agent-registry.js";
import { HangarError } from "../core/errors.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";

interface ListOptions extends CommonOptions {
  json?: boolean;
}

/** One row of `hangar agents ls`. */
interface AgentRow {
  name: string;
  title: string;
  package: string | null;
  version: string | null;
  /** `yes`, `no`, `outdated` (another version is installed), or `n/a` (nothing to install). */
  installed: "yes" | "no" | "outdated" | "n/a";
  installed_version: string | null;
  load_session: boolean;
  resume_session: boolean;
  wire_formats: string[];
  origin: "catalog" | "custom";
  default: boolean;
}

/** `hangar agents ls|install|uninstall`: the external ACP agents and their installs in `agents.directory`. */
export function agentsCommand(): Command {
  const agents = new Command("agents").description("external coding agents (ACP): list, install, uninstall");
  agents.addCommand(
    withCommonOptions(new Command("ls"))
      .description("the agent catalog: name, package@version, installed?, load/resume support")
      .option("--json", "print JSON instead of a table")
      .action(async (options: ListOptions) => {
        const registry = createAgentRegistry(configFromFlags(options));
        const rows = await Promise.all(registry.agents.map((agent) => agentRow(registry, agent)));
        if (options.json === true) {
          process.stdout.write(
            `${JSON.stringify({ directory: registry.directory, default_agent: registry.defaultAgent, agents: rows }, null, 2)}\n`,
          );
          return;
        }
        process.stdout.write(agentTable(rows));
        process.stdout.write(
          `\nagents directory: ${registry.directory}; default agent: ${registry.defaultAgent}\n`,
        );
      }),
  );
  agents.addCommand(
    withCommonOptions(new Command("install"))
      .description("install agents' pinned npm packages into the agents directory")
      .argument("<name...>", "agent names (see hangar agents ls)")
      .action(async (names: string[], options: CommonOptions) => {
        const registry = createAgentRegistry(configFromFlags(options));
        // Every name is checked before anything is installed.
        const chosen = names.map((name) => registry.require(name));
        for (const agent of chosen) {
          if (agent.package === undefined) {
            throw new HangarError(
              "BAD_REQUEST",
              `agent ${agent.id} has no npm package to install (its command ${agent.command.path} is in the sandbox image)`,
              { field: "agent" },
            );
          }
        }
        for (const agent of chosen) {
          await installAgent(agent, {
            directory: registry.directory,
            onProgress: (line) => process.stderr.write(`${line}\n`),
          });
          process.stdout.write(`installed ${agent.id} (${agent.package?.name}@${agent.package?.version})\n`);
        }
      }),
  );
  agents.addCommand(
    withCommonOptions(new Command("uninstall"))
      .description("remove installed agents from the agents directory")
      .argument("<name...>", "agent names")
      .action(async (names: string[], options: CommonOptions) => {
        const registry = createAgentRegistry(configFromFlags(options));
        const chosen = names.map((name) => registry.require(name));
        for (const agent of chosen) {
          const removed = await uninstallAgent(registry.directory, agent.id);
          process.stdout.write(removed ? `uninstalled ${agent.id}\n` : `${agent.id} was not installed\n`);
        }
      }),
  );
  return agents;
}

/** Whether an agent's pinned package is installed in `directory`, and which version is. */
export async function installState(
  directory: string,
  agent: AgentDefinition,
): Promise<{ installed: AgentRow["installed"]; version?: string }> {
  if (agent.package === undefined) return { installed: "n/a" };
  const installed = await readInstalledAgent(directory, agent.id);
  if (installed === undefined) return { installed: "no" };
  return {
    installed: installed.version === agent.package.version ? "yes" : "outdated",
    version: installed.version,
  };
}

async function agentRow(registry: AgentRegistry, agent: AgentDefinition): Promise<AgentRow> {
  const { installed: state, version } = await installState(registry.directory, agent);
  return {
    name: agent.id,
    title: agent.title,
    package: agent.package?.name ?? null,
    version: agent.package?.version ?? null,
    installed: state,
    installed_version: version ?? null,
    load_session: agent.capabilities.loadSession,
    resume_session: agent.capabilities.resumeSession,
    wire_formats: agent.wireFormats,
    origin: agent.origin,
    default: registry.defaultAgent === agent.id,
  };
}

function agentTable(rows: AgentRow[]): string {
  const header = ["NAME", "PACKAGE", "INSTALLED", "LOAD", "RESUME", "MODEL API"];
  const lines = rows.map((row) => [
    row.default ? `${row.name} *` : row.name,
    row.package === null ? "(in the sandbox image)" : `${row.package}@${row.version}`,
    row.installed === "outdated" ? `outdated (${row.installed_version})` : row.installed,
    row.load_session ? "yes" : "no",
    row.resume_session ? "yes" : "no",
    row.wire_formats.join(", "),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)),
  );
  return [header, ...lines]
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}
