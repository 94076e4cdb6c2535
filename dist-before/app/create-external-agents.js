import { join } from "node:path";
import { acpAgentDriver } from "../agents/acp/acp-driver.js";
import { SandboxRunners } from "../agents/acp/sandbox-runners.js";
import { builtinAgentId } from "../agents/catalog/agent-catalog.js";
import { installNode, requireInstalled } from "../agents/catalog/agent-installer.js";
import { prepareAgentLaunch } from "../agents/catalog/agent-launch.js";
import { createAgentRegistry } from "../agents/catalog/agent-registry.js";
import { HangarError, errorMessage } from "../core/errors.js";
import { EgressProxy } from "../egress/egress-proxy.js";
import { ModelRelay, relayProviderOf } from "../relay/model-relay.js";
/** Where the runner listens inside every sandbox (its own loopback; the runner pipes both to the channel). */
const relayUrl = "http://127.0.0.1:4480";
const proxyUrl = "http://127.0.0.1:4481";
/**
 * What points an agent's HTTP clients (and the commands it runs, which inherit its
 * environment) at the egress proxy when the project allows any host; the relay on the
 * loopback is reached directly.
 */
const proxyEnvironment = {
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    https_proxy: proxyUrl,
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
};
export function createExternalAgents(options) {
    const { config, models, logger } = options;
    const registry = createAgentRegistry(config);
    const relay = new ModelRelay(options.onModelRequest === undefined ? {} : { onModelRequest: options.onModelRequest });
    const egress = new EgressProxy({ allowLoopbackForTests: config.sandboxes.egress.allow_loopback_for_tests });
    const grants = new Map();
    /** The context of the prompt running in each sandbox: egress events go to its session. */
    const promptingIn = new Map();
    const listening = new Set();
    const runners = new SandboxRunners({
        prepareChannel: async (sandbox, channel) => {
            if (listening.has(sandbox.id))
                return;
            // The runner runs on the agents directory's node (an agent without a package brings none).
            await installNode(registry.directory);
            const relaySocket = join(channel, "relay.sock");
            const egressSocket = join(channel, "egress.sock");
            await relay.listen(relaySocket, sandbox.id);
            await egress.listen(egressSocket, {
                allow: config.sandboxes.egress.allow,
                onEvent: (event) => promptingIn.get(sandbox.id)?.emit(event),
            });
            listening.add(sandbox.id);
        },
        releaseChannel: async (sandbox, channel) => {
            listening.delete(sandbox.id);
            await Promise.all([
                relay.close(join(channel, "relay.sock")),
                egress.close(join(channel, "egress.sock")),
            ]);
        },
        log: (sandboxId, line) => logger.debug({ sandboxId }, `agent runner: ${line}`),
    });
    const grantFor = (context, sandbox, model, formats) => {
        const resolved = models.identify(model);
        const provider = relayProviderOf(models.upstream(resolved.provider));
        if (!formats.some((format) => speaks(format, provider))) {
            throw new HangarError("VALIDATION_FAILED", `the model ${resolved.id} is served in the ${provider.format} format, which this agent does not speak (it speaks ${formats.join(", ")}); choose a model of a matching provider`, { field: "model" });
        }
        let kept = grants.get(context.sessionId);
        if (kept === undefined) {
            const entry = { context, budgetSpent: false };
            // The grant's callbacks read the entry, so they follow the prompt that is running.
            entry.grant = relay.grant({
                sessionId: context.sessionId,
                sandboxId: sandbox.id,
                allowedModels: [resolved.modelId],
                provider,
                remainingTokens: () => (entry.budgetSpent ? 0 : Number.MAX_SAFE_INTEGER),
                onUsage: (inputTokens, outputTokens) => {
                    entry.context.recordUsage(inputTokens, outputTokens).catch((error) => {
                        entry.budgetSpent = true;
                        logger.info({ sessionId: context.sessionId }, `relay: ${errorMessage(error)}`);
                    });
                },
                onEvent: (event) => entry.context.emit(event),
            });
            grants.set(context.sessionId, entry);
            kept = entry;
        }
        kept.context = context;
        return { token: kept.grant.token, modelId: resolved.modelId };
    };
    const driverOf = (agentId) => acpAgentDriver({
        runners,
        launch: async (context, prompt) => {
            const definition = registry.require(agentId);
            const { token, modelId } = grantFor(context, context.sandbox, prompt.model, definition.wireFormats);
            promptingIn.set(context.sandbox.id, context);
            const allowsEgress = config.sandboxes.egress.allow.length > 0;
            const launch = await prepareAgentLaunch(registry, agentId, {
                relayUrl,
                apiKey: token,
                model: modelId,
                ...(allowsEgress ? { proxyUrl } : {}),
            });
            return {
                agentId,
                command: launch.command,
                args: launch.args,
                env: allowsEgress ? { ...proxyEnvironment, ...launch.env } : launch.env,
                homeFiles: launch.homeFiles,
                capabilities: [
                    ...(launch.capabilities.loadSession ? ["load_session"] : []),
                    ...(launch.capabilities.resumeSession ? ["resume_session"] : []),
                    ...(launch.capabilities.localFiles === true ? ["local_files"] : []),
                ],
                model: modelId,
            };
        },
    });
    const drivers = Object.fromEntries(registry.agents.map((agent) => [agent.id, driverOf(agent.id)]));
    return {
        registry,
        drivers,
        resolveAgent: async (name) => {
            const chosen = name ?? registry.defaultAgent;
            if (chosen === builtinAgentId)
                return builtinAgentId;
            const definition = registry.require(chosen);
            await requireInstalled(definition, registry.directory);
            return definition.id;
        },
        stop: async () => {
            await runners.stop();
            for (const { grant } of grants.values())
                grant.revoke();
            grants.clear();
            await Promise.all([relay.closeAll(), egress.closeAll()]);
        },
    };
}
/** Whether an agent's model API is what the relay forwards for a provider. */
function speaks(format, provider) {
    switch (format) {
        case "openai-chat-completions":
        case "openai-responses":
            return provider.format === "openai";
        case "anthropic-messages":
            return provider.format === "anthropic";
        case "gemini-generate-content":
            return provider.format === "gemini";
    }
}
//# sourceMappingURL=create-external-agents.js.map