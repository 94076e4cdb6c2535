import type { ObserveModelRequest } from "../core/model-request-observation.js";
import { join } from "node:path";
import type { Logger } from "pino";
import { acpAgentDriver } from "../agents/acp/acp-driver.js";
import type { AgentLaunch } from "../agents/acp/agent-runner-port.js";
import { SandboxRunners } from "../agents/acp/sandbox-runners.js";
import type { AgentDriverContext, StartAgentDriver } from "../agents/agent-driver.js";
import type { WireFormat as AgentWireFormat } from "../agents/catalog/agent-catalog.js";
import { builtinAgentId } from "../agents/catalog/agent-catalog.js";
import { installNode, requireInstalled } from "../agents/catalog/agent-installer.js";
import { prepareAgentLaunch } from "../agents/catalog/agent-launch.js";
import { createAgentRegistry, type AgentRegistry } from "../agents/catalog/agent-registry.js";
import type { Config } from "../config/config-schema.js";
import { HangarError, errorMessage } from "../core/errors.js";
import { EgressProxy } from "../egress/egress-proxy.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import { ModelRelay, relayProviderOf, type RelayGrant, type RelayProvider } from "../relay/model-relay.js";
import type { Sandbox } from "../sandbox/sandbox-port.js";
import { acpMcpServers } from "../agents/mcp/acp-mcp-servers.js";
import type { AgentSessionRepository } from "../sessions/agent-session-repository.js";
import { statusForCode } from "../server/error-handler.js";
import type { CredentialAnswer, CredentialRequest } from "../egress/egress-proxy.js";
import { Readable } from "node:stream";
import {
  openSessionCredentialGrants,
  type SessionCredentialGrants,
  type SessionCredentialOptions,
} from "./session-credential-grants.js";

/**
 * The external-agent half of the composition root: the catalog, the agent
 * runners in sandboxes, the model relay and the egress proxy on each
 * sandbox's channel sockets, and one ACP driver per agent. A session's relay
 * token is granted on its first prompt and kept while this process lives (the
 * agent keeps its environment between prompts); its budget and events follow
 * whichever prompt is running.
 */
export interface ExternalAgents {
  registry: AgentRegistry;
  drivers: Record<string, StartAgentDriver>;
  /** The agent a new session gets; throws for an unknown name or an agent that is not installed (field `agent`). */
  resolveAgent(name: string | undefined): Promise<string>;
  stop(): Promise<void>;
}

export interface ExternalAgentsOptions {
  config: Config;
  models: ModelRegistry;
  logger: Logger;
  /** Told of every model request the relay forwards (metrics). */
  onModelRequest?: ObserveModelRequest;
  /** Host variables for `[mcp.servers.*] env_from`. */
  readVariable?: (name: string) => string | undefined;
  /** Sessions' records: which credentials a session was started with. */
  sessions: Pick<AgentSessionRepository, "get">;
  /** The credential store and proxy, for `http://credentials.hangar/…` from the sandbox. */
  credentialGrants: SessionCredentialOptions;
}

/** Where the runner listens inside every sandbox (its own loopback; the runner pipes both to the channel). */
const relayUrl = "http://127.0.0.1:4480";
const proxyUrl = "http://127.0.0.1:4481";
/**
 * What points an agent's HTTP clients (and the commands it runs, which inherit its
 * environment) at the egress proxy when the project allows any host; the relay on the
 * loopback is reached directly.
 */
const proxyEnvironment: Readonly<Record<string, string>> = {
  HTTP_PROXY: proxyUrl,
  HTTPS_PROXY: proxyUrl,
  http_proxy: proxyUrl,
  https_proxy: proxyUrl,
  NO_PROXY: "127.0.0.1,localhost",
  no_proxy: "127.0.0.1,localhost",
};

interface SessionGrant {
  grant: RelayGrant;
  /** The running prompt's context: where usage and relay events go. */
  context: AgentDriverContext;
  budgetSpent: boolean;
}

export function createExternalAgents(options: ExternalAgentsOptions): ExternalAgents {
  const { config, models, logger } = options;
  const registry = createAgentRegistry(config);
  const relay = new ModelRelay(
    options.onModelRequest === undefined ? {} : { onModelRequest: options.onModelRequest },
  );
  const egress = new EgressProxy({ allowLoopbackForTests: config.sandboxes.egress.allow_loopback_for_tests });
  const grants = new Map<string, SessionGrant>();
  /** The context of the prompt running in each sandbox: egress events go to its session. */
  const promptingIn = new Map<string, AgentDriverContext>();
  const listening = new Set<string>();
  /**
   * The proxy grants of the prompt running in each sandbox whose session has credentials:
   * opened when the prompt launches, revoked when the next one replaces them, when the
   * sandbox's channel is released, or when Hangar stops (and they expire on their own).
   */
  const credentialGrantsIn = new Map<string, SessionCredentialGrants>();
  const replaceCredentialGrants = async (sandboxId: string, next: SessionCredentialGrants | undefined) => {
    const previous = credentialGrantsIn.get(sandboxId);
    if (next === undefined) credentialGrantsIn.delete(sandboxId);
    else credentialGrantsIn.set(sandboxId, next);
    await previous?.revoke();
  };

  const runners = new SandboxRunners({
    prepareChannel: async (sandbox, channel) => {
      if (listening.has(sandbox.id)) return;
      // The runner runs on the agents directory's node (an agent without a package brings none).
      await installNode(registry.directory);
      const relaySocket = join(channel, "relay.sock");
      const egressSocket = join(channel, "egress.sock");
      await relay.listen(relaySocket, sandbox.id);
      await egress.listen(egressSocket, {
        allow: config.sandboxes.egress.allow,
        onEvent: (event) => promptingIn.get(sandbox.id)?.emit(event),
        forwardCredential: (request) => forwardCredential(credentialGrantsIn.get(sandbox.id), request),
      });
      listening.add(sandbox.id);
    },
    releaseChannel: async (sandbox, channel) => {
      listening.delete(sandbox.id);
      await replaceCredentialGrants(sandbox.id, undefined);
      await Promise.all([
        relay.close(join(channel, "relay.sock")),
        egress.close(join(channel, "egress.sock")),
      ]);
    },
    log: (sandboxId, line) => logger.debug({ sandboxId }, `agent runner: ${line}`),
  });

  const grantFor = (
    context: AgentDriverContext,
    sandbox: Sandbox,
    model: string,
    formats: AgentWireFormat[],
  ) => {
    const resolved = models.identify(model);
    const provider = relayProviderOf(models.upstream(resolved.provider));
    if (!formats.some((format) => speaks(format, provider))) {
      throw new HangarError(
        "VALIDATION_FAILED",
        `the model ${resolved.id} is served in the ${provider.format} format, which this agent does not speak (it speaks ${formats.join(", ")}); choose a model of a matching provider`,
        { field: "model" },
      );
    }
    let kept = grants.get(context.sessionId);
    if (kept === undefined) {
      const entry = { context, budgetSpent: false } as SessionGrant;
      // The grant's callbacks read the entry, so they follow the prompt that is running.
      entry.grant = relay.grant({
        sessionId: context.sessionId,
        sandboxId: sandbox.id,
        allowedModels: [resolved.modelId],
        provider,
        remainingTokens: () => (entry.budgetSpent ? 0 : Number.MAX_SAFE_INTEGER),
        onUsage: (inputTokens, outputTokens) => {
          entry.context.recordUsage(inputTokens, outputTokens).catch((error: unknown) => {
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

  const driverOf = (agentId: string): StartAgentDriver =>
    acpAgentDriver({
      runners,
      launch: async (context, prompt): Promise<AgentLaunch> => {
        const definition = registry.require(agentId);
        const { token, modelId } = grantFor(context, context.sandbox, prompt.model, definition.wireFormats);
        promptingIn.set(context.sandbox.id, context);
        const session = await options.sessions.get(context.sessionId);
        const credentialNames = session?.credentials ?? [];
        await replaceCredentialGrants(
          context.sandbox.id,
          credentialNames.length === 0
            ? undefined
            : await openSessionCredentialGrants(options.credentialGrants, {
                owner: session?.owner ?? "",
                sessionId: context.sessionId,
                names: credentialNames,
              }),
        );
        // The proxy variables also carry http://credentials.hangar/… out when no host is allowed.
        const allowsEgress = config.sandboxes.egress.allow.length > 0 || credentialNames.length > 0;
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
          mcpServers: acpMcpServers(config.mcp.servers, options.readVariable ?? (() => undefined)),
        };
      },
    });

  const drivers = Object.fromEntries(registry.agents.map((agent) => [agent.id, driverOf(agent.id)]));
  return {
    registry,
    drivers,
    resolveAgent: async (name) => {
      const chosen = name ?? registry.defaultAgent;
      if (chosen === builtinAgentId) return builtinAgentId;
      const definition = registry.require(chosen);
      await requireInstalled(definition, registry.directory);
      return definition.id;
    },
    stop: async () => {
      await runners.stop();
      await Promise.all([...credentialGrantsIn.keys()].map((id) => replaceCredentialGrants(id, undefined)));
      for (const { grant } of grants.values()) grant.revoke();
      grants.clear();
      await Promise.all([relay.closeAll(), egress.closeAll()]);
    },
  };
}

/**
 * A sandbox's `http://credentials.hangar/<target>/<path>` through its prompt's grants; a
 * refusal is the HTTP API's `{"error":{code,message}}` with its status (never the token).
 */
async function forwardCredential(
  grants: SessionCredentialGrants | undefined,
  request: CredentialRequest,
): Promise<CredentialAnswer> {
  try {
    if (grants === undefined) {
      throw new HangarError("PROXY_GRANT_NOT_FOUND", "this session was started without credentials", {
        field: "target",
      });
    }
    return await grants.forward(request);
  } catch (error) {
    const refusal =
      error instanceof HangarError
        ? { status: statusForCode[error.code], code: error.code, message: error.message }
        : { status: 502, code: "PROXY_UPSTREAM_ERROR", message: "the credential proxy failed" };
    return {
      status: refusal.status,
      headers: { "content-type": "application/json" },
      body: Readable.from([JSON.stringify({ error: { code: refusal.code, message: refusal.message } })]),
    };
  }
}

/** Whether an agent's model API is what the relay forwards for a provider. */
function speaks(format: AgentWireFormat, provider: RelayProvider): boolean {
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
