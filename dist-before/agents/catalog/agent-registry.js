import { isAbsolute, join, posix, resolve } from "node:path";
import { HangarError } from "../../core/errors.js";
import { agentCatalog, builtinAgentId } from "./agent-catalog.js";
import { checkTemplate, templatePlaceholders } from "./agent-templates.js";
export function createAgentRegistry(config) {
    const custom = Object.entries(config.agents.custom)
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([name, table]) => customAgent(name, table));
    const agents = [...agentCatalog, ...custom];
    const byName = new Map(agents.map((agent) => [agent.id, agent]));
    const defaultAgent = config.agents.default_agent;
    if (defaultAgent !== builtinAgentId && !byName.has(defaultAgent)) {
        throw new HangarError("CONFIG_INVALID", `agents.default_agent is ${defaultAgent}, which is no agent: use ${knownNames(agents)}`, { field: "agents.default_agent" });
    }
    return {
        agents,
        defaultAgent,
        directory: agentsDirectory(config),
        find: (name) => byName.get(name),
        require(name) {
            const agent = byName.get(name);
            if (agent === undefined) {
                throw new HangarError("BAD_REQUEST", `unknown agent ${JSON.stringify(name)}: use ${knownNames(agents)}`, {
                    field: "agent",
                    details: { known: [builtinAgentId, ...agents.map((known) => known.id)] },
                });
            }
            return agent;
        },
    };
}
/** `agents.directory`, or `<data_dir>/agents`; absolute, so a sandbox mount never depends on the working directory. */
export function agentsDirectory(config) {
    return resolve(config.agents.directory ?? join(config.data_dir, "agents"));
}
/** `builtin` is Hangar's own agent; `bin` holds the sandboxes' node beside the installed agents. */
const reservedNames = [builtinAgentId, "bin"];
function knownNames(agents) {
    return [builtinAgentId, ...agents.map((agent) => agent.id)].join(", ");
}
function customAgent(name, table) {
    const field = `agents.custom.${name}`;
    if (reservedNames.includes(name)) {
        throw new HangarError("CONFIG_INVALID", `${field}: ${name} is reserved; give the custom agent another name`, {
            field,
        });
    }
    if (agentCatalog.some((agent) => agent.id === name)) {
        throw new HangarError("CONFIG_INVALID", `${field}: ${name} is a built-in agent; give the custom agent another name`, { field });
    }
    checkCommand(table, `${field}.command`);
    // Only a native command path may name the platform, and only env entries the egress
    // proxy (an entry without a proxy is left out; an argument or a file could not be).
    const sessionPlaceholders = templatePlaceholders.filter((placeholder) => placeholder !== "arch");
    const alwaysFilled = sessionPlaceholders.filter((placeholder) => placeholder !== "proxy_url");
    checkTemplate(table.command, `${field}.command`, ["arch"]);
    table.args.forEach((argument, index) => checkTemplate(argument, `${field}.args[${index}]`, alwaysFilled));
    for (const [variable, template] of Object.entries(table.env)) {
        checkTemplate(template, `${field}.env.${variable}`, sessionPlaceholders);
    }
    for (const [path, template] of Object.entries(table.home_files)) {
        checkHomePath(path, `${field}.home_files`);
        checkTemplate(path, `${field}.home_files`, []);
        checkTemplate(template, `${field}.home_files."${path}"`, alwaysFilled);
    }
    return {
        id: name,
        title: table.title ?? name,
        ...(table.package === undefined || table.version === undefined
            ? {}
            : { package: { name: table.package, version: table.version } }),
        command: { path: table.command, node: table.node },
        args: [...table.args],
        wireFormats: [...table.wire_formats],
        env: { ...table.env },
        homeFiles: { ...table.home_files },
        capabilities: { loadSession: table.load_session, resumeSession: table.resume_session },
        origin: "custom",
    };
}
/** An installed agent's command lives in its install directory; any other is a path in the sandbox image. */
function checkCommand(table, field) {
    if (table.package === undefined) {
        if (!posix.isAbsolute(table.command)) {
            throw new HangarError("CONFIG_INVALID", `${field} must be an absolute path inside the sandbox (or set package and version to have Hangar install it)`, { field });
        }
        return;
    }
    if (isAbsolute(table.command) || table.command.split("/").includes("..")) {
        throw new HangarError("CONFIG_INVALID", `${field} must be a path inside the agent's install directory (e.g. node_modules/.bin/NAME), without ..`, { field });
    }
}
function checkHomePath(path, field) {
    if (posix.isAbsolute(path) ||
        path.split("/").some((part) => part === ".." || part === "") ||
        path.includes("\0")) {
        throw new HangarError("CONFIG_INVALID", `${field} "${path}" must be a relative path inside the agent's home, without ..`, { field });
    }
}
//# sourceMappingURL=agent-registry.js.map