import { posix } from "node:path";
import { arch as hostArch } from "node:process";
import { HangarError } from "../../core/errors.js";
import type { AgentCapabilities, AgentDefinition, WireFormat } from "./agent-catalog.js";
import { requireInstalled } from "./agent-installer.js";
import type { AgentRegistry } from "./agent-registry.js";
import { checkTemplateValue, fillTemplate, placeholdersIn } from "./agent-templates.js";

/** What one session fills an agent's templates with. */
export interface AgentSessionValues {
  /** The model relay's root inside the sandbox, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  relayUrl: string;
  /** The session's relay token: the only credential the sandbox ever holds. */
  apiKey: string;
  /** The model name the agent asks for (the relay checks it against the session's allowed models). */
  model: string;
  /** The egress proxy inside the sandbox; without it, env entries that use `{{proxy_url}}` are left out. */
  proxyUrl?: string;
}

/** Where agents and node are inside a sandbox (the sandbox providers mount them there). */
export interface AgentSandboxLayout {
  /** `agents.directory`, mounted read-only. */
  agentsDirectory: string;
  /** `<agents.directory>/bin/node`, a copy of the host's node, so every image runs the same one. */
  nodePath: string;
  /** Node's name for the CPU (`x64`, `arm64`): which native binary of an agent to start. */
  arch: string;
}

export const sandboxAgentLayout: AgentSandboxLayout = {
  agentsDirectory: "/opt/hangar/agents",
  nodePath: "/opt/hangar/agents/bin/node",
  arch: hostArch,
};

/** An agent ready to spawn in one session's sandbox: every template filled in. */
export interface AgentLaunch {
  agentId: string;
  /** Absolute path inside the sandbox. */
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Path relative to the agent's private HOME → content. */
  homeFiles: Record<string, string>;
  wireFormats: WireFormat[];
  capabilities: AgentCapabilities;
}

/**
 * What a session does to start an external agent: the named agent (BAD_REQUEST naming
 * `agent` when unknown), installed in its pinned version (AGENT_NOT_INSTALLED naming the
 * install command otherwise), expanded for this session.
 */
export async function prepareAgentLaunch(
  registry: AgentRegistry,
  name: string,
  values: AgentSessionValues,
  layout: AgentSandboxLayout = sandboxAgentLayout,
): Promise<AgentLaunch> {
  const definition = registry.require(name);
  await requireInstalled(definition, registry.directory);
  return expandAgent(definition, values, layout);
}

/** The architectures the catalog's native agents ship binaries for. */
const supportedArchitectures = ["x64", "arm64"];

/**
 * Expands an agent definition for one session. The values are checked first (they end
 * up inside TOML and JSON files); errors name the field: `relayUrl`, `apiKey`, `model`,
 * `proxyUrl`.
 */
export function expandAgent(
  definition: AgentDefinition,
  values: AgentSessionValues,
  layout: AgentSandboxLayout = sandboxAgentLayout,
): AgentLaunch {
  checkRelayUrl(values.relayUrl, "relayUrl");
  checkTemplateValue(values.apiKey, "apiKey");
  checkTemplateValue(values.model, "model");
  if (values.proxyUrl !== undefined) checkRelayUrl(values.proxyUrl, "proxyUrl");
  const filled = {
    relay_url: values.relayUrl,
    api_key: values.apiKey,
    model: values.model,
    arch: architecture(definition, layout.arch),
    ...(values.proxyUrl === undefined ? {} : { proxy_url: values.proxyUrl }),
  };

  const env: Record<string, string> = {};
  for (const [name, template] of Object.entries(definition.env)) {
    if (values.proxyUrl === undefined && placeholdersIn(template).includes("proxy_url")) continue;
    env[name] = fillTemplate(template, filled);
  }
  const homeFiles: Record<string, string> = {};
  for (const [path, template] of Object.entries(definition.homeFiles)) {
    homeFiles[path] = fillTemplate(template, filled);
  }

  const args = definition.args.map((template) => fillTemplate(template, filled));
  const path = fillTemplate(definition.command.path, filled);
  const executable =
    definition.package === undefined ? path : posix.join(layout.agentsDirectory, definition.id, path);
  return {
    agentId: definition.id,
    command: definition.command.node ? layout.nodePath : executable,
    args: definition.command.node ? [executable, ...args] : args,
    env,
    homeFiles,
    wireFormats: [...definition.wireFormats],
    capabilities: { ...definition.capabilities },
  };
}

function architecture(definition: AgentDefinition, arch: string): string {
  const needed = placeholdersIn(definition.command.path).includes("arch");
  if (needed && !supportedArchitectures.includes(arch)) {
    throw new HangarError(
      "BAD_REQUEST",
      `agent ${definition.id} ships native binaries for ${supportedArchitectures.join(" and ")} only, not ${arch}`,
      { field: "agent" },
    );
  }
  return arch;
}

function checkRelayUrl(value: string, field: string): void {
  checkTemplateValue(value, field);
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/.test(value)) {
    throw new HangarError(
      "VALIDATION_FAILED",
      `${field} must be http://127.0.0.1:<port> (the runner on the sandbox's own loopback), not ${value}`,
      { field },
    );
  }
}
