import { posix } from "node:path";
import { arch as hostArch } from "node:process";
import { HangarError } from "../../core/errors.js";
import { requireInstalled } from "./agent-installer.js";
import { checkTemplateValue, fillTemplate, placeholdersIn } from "./agent-templates.js";
export const sandboxAgentLayout = {
    agentsDirectory: "/opt/hangar/agents",
    nodePath: "/opt/hangar/agents/bin/node",
    arch: hostArch,
};
/**
 * What a session does to start an external agent: the named agent (BAD_REQUEST naming
 * `agent` when unknown), installed in its pinned version (AGENT_NOT_INSTALLED naming the
 * install command otherwise), expanded for this session.
 */
export async function prepareAgentLaunch(registry, name, values, layout = sandboxAgentLayout) {
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
export function expandAgent(definition, values, layout = sandboxAgentLayout) {
    checkRelayUrl(values.relayUrl, "relayUrl");
    checkTemplateValue(values.apiKey, "apiKey");
    checkTemplateValue(values.model, "model");
    if (values.proxyUrl !== undefined)
        checkRelayUrl(values.proxyUrl, "proxyUrl");
    const filled = {
        relay_url: values.relayUrl,
        api_key: values.apiKey,
        model: values.model,
        arch: architecture(definition, layout.arch),
        ...(values.proxyUrl === undefined ? {} : { proxy_url: values.proxyUrl }),
    };
    const env = {};
    for (const [name, template] of Object.entries(definition.env)) {
        if (values.proxyUrl === undefined && placeholdersIn(template).includes("proxy_url"))
            continue;
        env[name] = fillTemplate(template, filled);
    }
    const homeFiles = {};
    for (const [path, template] of Object.entries(definition.homeFiles)) {
        homeFiles[path] = fillTemplate(template, filled);
    }
    const args = definition.args.map((template) => fillTemplate(template, filled));
    const path = fillTemplate(definition.command.path, filled);
    const executable = definition.package === undefined ? path : posix.join(layout.agentsDirectory, definition.id, path);
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
function architecture(definition, arch) {
    const needed = placeholdersIn(definition.command.path).includes("arch");
    if (needed && !supportedArchitectures.includes(arch)) {
        throw new HangarError("BAD_REQUEST", `agent ${definition.id} ships native binaries for ${supportedArchitectures.join(" and ")} only, not ${arch}`, { field: "agent" });
    }
    return arch;
}
function checkRelayUrl(value, field) {
    checkTemplateValue(value, field);
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/.test(value)) {
        throw new HangarError("VALIDATION_FAILED", `${field} must be http://127.0.0.1:<port> (the runner on the sandbox's own loopback), not ${value}`, { field });
    }
}
//# sourceMappingURL=agent-launch.js.map