import { randomBytes } from "node:crypto";
import { providerRegistry } from "../../app/provider-registry.js";
import { builtinAgentId } from "../../agents/catalog/agent-catalog.js";
import { createAgentRegistry, type AgentRegistry } from "../../agents/catalog/agent-registry.js";
import { configSchema, type Config } from "../../config/config-schema.js";
import { environmentVariable, variablesSetting } from "../../config/load-config.js";
import { installState } from "../agents-command.js";
import { withOneOffDataDirectory } from "../one-off-data-directory.js";
import { probeProvider } from "../provider-probe.js";
import type { TomlTable } from "./commented-toml.js";
import type { AgentChoice, ProviderFinding, SetupHost } from "./setup-host.js";

/** This machine as the wizard sees it: real probes, the real agents directory, this process's environment. */
export function localSetupHost(options: { isProbing: boolean }): SetupHost {
  return {
    inspectProviders: (draft, say) => inspectProviders(configOf(draft), options.isProbing, say),
    listAgents: (draft) => listAgents(configOf(draft)),
    readVariable: (name) => environmentVariable(name),
    variablesSetting,
    // 32 random bytes: as strong as any key the server accepts, and URL- and shell-safe.
    generateKey: () => `hk_${randomBytes(32).toString("base64url")}`,
  };
}

/**
 * The draft as a config, for the probes and the agent list: the parts that matter to them
 * (data_dir, sandbox, agents) when the whole draft does not validate yet, else defaults.
 * The default agent is left out: an unknown one is the question being asked, not an error.
 */
function configOf(draft: TomlTable): Config {
  const agents = typeof draft.agents === "object" && draft.agents !== null ? (draft.agents as TomlTable) : {};
  const withoutDefaultAgent = { ...draft, agents: { ...agents, default_agent: builtinAgentId } };
  const whole = configSchema.safeParse(withoutDefaultAgent);
  if (whole.success) return whole.data;
  const parts = configSchema.safeParse({ data_dir: draft.data_dir, sandbox: draft.sandbox });
  return parts.success ? parts.data : configSchema.parse({});
}

async function inspectProviders(
  config: Config,
  isProbing: boolean,
  say: (line: string) => void,
): Promise<ProviderFinding[]> {
  const findings: ProviderFinding[] = [];
  for (const registration of providerRegistry.registrations) {
    const name = registration.name;
    const withProvider: Config = { ...config, sandbox: { ...config.sandbox, provider: name } };
    const status = await registration.hostStatus?.(withProvider);
    if (status !== undefined && !status.ok) {
      say(`✗ ${name}: ${status.detail}`);
      findings.push({ name, isReady: false });
      continue;
    }
    if (!isProbing) {
      say(`${name}: ${status?.detail ?? "available"} (isolation not probed: --no-probes)`);
      findings.push({ name, isReady: true });
      continue;
    }
    say(`probing ${name} (starts a sandbox: a few seconds) …`);
    const probe = await withOneOffDataDirectory(withProvider, (probed) =>
      probeProvider(probed, { instance: `setup-${process.pid}`, detectLanguages: false }),
    );
    const isolation = probe.isolation;
    if (isolation === undefined) {
      say(`✗ ${name}: ${probe.error ?? "could not be probed"}`);
      findings.push({ name, isReady: false });
      continue;
    }
    say(
      isolation.ok
        ? `✓ ${name}: isolation holds`
        : `✗ ${name}: isolation LEAKS (the server would refuse code)`,
    );
    for (const failed of isolation.probes.filter((result) => !result.ok)) {
      say(`    ✗ ${failed.name}: ${failed.detail}`);
    }
    const limits = Object.entries(isolation.enforced);
    const named = (enforced: boolean) =>
      limits.filter(([, value]) => value === enforced).map(([limit]) => limit.replaceAll("_", " "));
    say(`    enforced: ${named(true).join(", ") || "nothing"}`);
    if (named(false).length > 0) say(`    NOT enforced: ${named(false).join(", ")}`);
    if (status !== undefined) say(`    ${status.detail}`);
    findings.push({ name, isReady: isolation.ok });
  }
  return findings;
}

async function listAgents(config: Config): Promise<AgentChoice[]> {
  let registry: AgentRegistry;
  try {
    registry = createAgentRegistry(config);
  } catch {
    // A custom agent table the registry refuses: offer the catalog, and the final check names the table.
    registry = createAgentRegistry(configSchema.parse({ data_dir: config.data_dir }));
  }
  const external = await Promise.all(
    registry.agents.map(async (agent) => ({
      name: agent.id,
      title: agent.title,
      installed: (await installState(registry.directory, agent)).installed,
    })),
  );
  return [
    { name: builtinAgentId, title: "Hangar's own agent (uses llm.default_model)", installed: "n/a" },
    ...external,
  ];
}
