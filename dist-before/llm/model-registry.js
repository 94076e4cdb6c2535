import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { HangarError } from "../core/errors.js";
import { keepAliveFetch } from "./keep-alive-fetch.js";
import { observedModel } from "./observed-model.js";
const defaultOpenaiBaseUrl = "https://api.openai.com/v1";
const defaultAnthropicBaseUrl = "https://api.anthropic.com/v1";
/** Without the API version: Gemini's clients (and `GOOGLE_GEMINI_BASE_URL`) name the root. */
const defaultGeminiBaseUrl = "https://generativelanguage.googleapis.com";
const defaultOllamaHost = "http://127.0.0.1:11434";
/**
 * Local OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) ignore the key, but the
 * OpenAI client refuses to send a request without one.
 */
const placeholderApiKey = "hangar-no-key";
/**
 * Turns `provider:model` names into AI SDK model objects. Built-in providers are
 * `openai` (chat completions), `anthropic` and `ollama`; every `[llm.providers.<name>]`
 * table adds an OpenAI-compatible provider (and replaces a built-in of the same name).
 */
export class ModelRegistry {
    defaultModel;
    #options;
    #plans = new Map();
    #factories = new Map();
    #models = new Map();
    constructor(options) {
        this.#options = options;
        this.defaultModel = options.defaultModel;
        this.#plans.set("openai", this.#openaiPlan());
        this.#plans.set("anthropic", this.#anthropicPlan());
        this.#plans.set("gemini", this.#geminiPlan());
        this.#plans.set("ollama", this.#ollamaPlan());
        for (const [name, configured] of Object.entries(options.providers ?? {})) {
            this.#plans.set(name, this.#configuredPlan(name, configured));
        }
    }
    get providerNames() {
        return [...this.#plans.keys()];
    }
    /**
     * A model's id, provider and name, checked (a known provider with its key) but
     * without building a client: what external agents, which reach the model through
     * the relay, need. Throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`).
     */
    identify(name) {
        const id = name ?? this.defaultModel;
        const { provider, modelId } = this.#parse(id);
        this.upstream(provider);
        return { id, provider, modelId };
    }
    /** No name → the default model. Throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`). */
    resolve(name) {
        const id = name ?? this.defaultModel;
        const cached = this.#models.get(id);
        if (cached !== undefined)
            return cached;
        const { provider, modelId } = this.#parse(id);
        let factory = this.#factories.get(provider);
        if (factory === undefined) {
            const plan = this.#plans.get(provider);
            if (plan === undefined) {
                throw new HangarError("UNKNOWN_MODEL", `unknown model provider "${provider}" in "${id}"; known providers: ${this.providerNames.join(", ")}`, { field: "model" });
            }
            factory = plan.create();
            this.#factories.set(provider, factory);
        }
        const built = factory(modelId);
        const observe = this.#options.onModelRequest;
        const model = observe === undefined ? built : observedModel(built, provider, observe);
        const resolved = { id, provider, modelId, model };
        this.#models.set(id, resolved);
        return resolved;
    }
    /**
     * The base URL and key of a provider, for the model relay (which forwards an external
     * agent's requests there). Throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`).
     */
    upstream(provider) {
        const plan = this.#plans.get(provider);
        if (plan === undefined) {
            throw new HangarError("UNKNOWN_MODEL", `unknown model provider "${provider}"; known providers: ${this.providerNames.join(", ")}`, { field: "model" });
        }
        const { description, upstream } = plan;
        if (!description.isConfigured)
            throw missingKey(provider, description.problem ?? "");
        return {
            name: provider,
            kind: description.kind,
            baseUrl: withoutTrailingSlash(upstream.baseUrl),
            ...(upstream.apiKey === undefined ? {} : { apiKey: upstream.apiKey }),
        };
    }
    /** Every key value the registry may send, for redaction of logs and errors. */
    secrets() {
        const variables = new Set(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"]);
        for (const plan of this.#plans.values()) {
            if (plan.description.keyVariable !== undefined)
                variables.add(plan.description.keyVariable);
        }
        const values = [...variables].map((variable) => this.#options.readVariable(variable));
        return [...new Set(values.filter((value) => value !== undefined))];
    }
    /** Providers and whether they can be used; contains no secrets (for /health and doctor). */
    describe() {
        const description = {
            defaultModel: this.defaultModel,
            providers: [...this.#plans.values()].map((plan) => ({ ...plan.description })),
        };
        try {
            this.resolve();
        }
        catch (error) {
            description.defaultModelProblem = error instanceof Error ? error.message : String(error);
        }
        return description;
    }
    #parse(id) {
        const separator = id.indexOf(":");
        const provider = id.slice(0, separator);
        const modelId = id.slice(separator + 1);
        if (separator <= 0 || modelId === "" || /\s/.test(id) || id.length > 256) {
            const shown = JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
            throw new HangarError("UNKNOWN_MODEL", `model ${shown} is not of the form provider:model (e.g. openai:gpt-4.1, ollama:qwen2.5-coder:7b); ` +
                `known providers: ${this.providerNames.join(", ")}`, { field: "model" });
        }
        return { provider, modelId };
    }
    #fetchSetting() {
        return { fetch: this.#options.fetch ?? keepAliveFetch };
    }
    #openaiPlan() {
        const read = this.#options.readVariable;
        const baseUrl = read("OPENAI_BASE_URL");
        const apiKey = read("OPENAI_API_KEY");
        const isConfigured = apiKey !== undefined || baseUrl !== undefined;
        const problem = "set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)";
        return {
            description: {
                name: "openai",
                kind: "openai",
                baseUrl: displayUrl(baseUrl ?? defaultOpenaiBaseUrl),
                keyVariable: "OPENAI_API_KEY",
                isConfigured,
                ...(isConfigured ? {} : { problem }),
            },
            upstream: { baseUrl: baseUrl ?? defaultOpenaiBaseUrl, apiKey: apiKey ?? placeholderApiKey },
            create: () => {
                if (!isConfigured)
                    throw missingKey("openai", problem);
                const provider = createOpenAI({
                    // Always explicit: the SDK would otherwise read process.env itself.
                    baseURL: baseUrl ?? defaultOpenaiBaseUrl,
                    apiKey: apiKey ?? placeholderApiKey,
                    ...this.#fetchSetting(),
                });
                // Chat completions, not the Responses API: local servers only speak the former.
                return (modelId) => provider.chat(modelId);
            },
        };
    }
    #anthropicPlan() {
        const read = this.#options.readVariable;
        const baseUrl = read("ANTHROPIC_BASE_URL") ?? defaultAnthropicBaseUrl;
        const apiKey = read("ANTHROPIC_API_KEY");
        const problem = "set ANTHROPIC_API_KEY";
        return {
            description: {
                name: "anthropic",
                kind: "anthropic",
                baseUrl: displayUrl(baseUrl),
                keyVariable: "ANTHROPIC_API_KEY",
                isConfigured: apiKey !== undefined,
                ...(apiKey === undefined ? { problem } : {}),
            },
            upstream: { baseUrl, apiKey },
            create: () => {
                if (apiKey === undefined)
                    throw missingKey("anthropic", problem);
                const provider = createAnthropic({ baseURL: baseUrl, apiKey, ...this.#fetchSetting() });
                return (modelId) => provider.messages(modelId);
            },
        };
    }
    /**
     * Gemini's own API (generateContent), for external agents that speak it (Gemini CLI)
     * through the model relay. The built-in agent speaks OpenAI and Anthropic only, so it
     * refuses a gemini model with a clear error.
     */
    #geminiPlan() {
        const read = this.#options.readVariable;
        const baseUrl = read("GOOGLE_GEMINI_BASE_URL") ?? defaultGeminiBaseUrl;
        const apiKey = read("GEMINI_API_KEY");
        const problem = "set GEMINI_API_KEY";
        return {
            description: {
                name: "gemini",
                kind: "gemini",
                baseUrl: displayUrl(baseUrl),
                keyVariable: "GEMINI_API_KEY",
                isConfigured: apiKey !== undefined,
                ...(apiKey === undefined ? { problem } : {}),
            },
            // The relay appends `/models/<model>:<method>` to the API version root.
            upstream: { baseUrl: `${withoutTrailingSlash(baseUrl)}/v1beta`, apiKey },
            create: () => {
                throw new HangarError("UNKNOWN_MODEL", "gemini models serve external agents (agent: gemini); the built-in agent speaks OpenAI and Anthropic models", { field: "model" });
            },
        };
    }
    #ollamaPlan() {
        const variable = this.#options.readVariable("OLLAMA_HOST");
        const host = ollamaBaseUrl(variable);
        const problem = `OLLAMA_HOST (${JSON.stringify(variable)}) is not a host, host:port or URL`;
        return {
            description: {
                name: "ollama",
                kind: "openai-compatible",
                baseUrl: host === undefined ? "(invalid OLLAMA_HOST)" : displayUrl(host),
                isConfigured: host !== undefined,
                ...(host === undefined ? { problem } : {}),
            },
            upstream: { baseUrl: host ?? "", apiKey: undefined },
            create: () => {
                if (host === undefined)
                    throw new HangarError("CONFIG_INVALID", problem, { field: "model" });
                const provider = createOpenAICompatible({
                    name: "ollama",
                    baseURL: host,
                    includeUsage: true,
                    ...this.#fetchSetting(),
                });
                return (modelId) => provider.chatModel(modelId);
            },
        };
    }
    #configuredPlan(name, configured) {
        const keyVariable = configured.api_key_env;
        const apiKey = keyVariable === undefined ? undefined : this.#options.readVariable(keyVariable);
        const problem = keyVariable === undefined ? undefined : `set ${keyVariable} (api_key_env of llm.providers.${name})`;
        const isConfigured = keyVariable === undefined || apiKey !== undefined;
        return {
            description: {
                name,
                kind: "openai-compatible",
                baseUrl: displayUrl(configured.base_url),
                ...(keyVariable === undefined ? {} : { keyVariable }),
                isConfigured,
                ...(isConfigured || problem === undefined ? {} : { problem }),
            },
            upstream: { baseUrl: configured.base_url, apiKey },
            create: () => {
                if (!isConfigured)
                    throw missingKey(name, problem ?? "");
                const provider = createOpenAICompatible({
                    name,
                    baseURL: withoutTrailingSlash(configured.base_url),
                    ...(apiKey === undefined ? {} : { apiKey }),
                    includeUsage: true,
                    ...this.#fetchSetting(),
                });
                return (modelId) => provider.chatModel(modelId);
            },
        };
    }
}
function missingKey(provider, problem) {
    return new HangarError("MISSING_API_KEY", `model provider "${provider}" has no API key: ${problem}`, {
        field: "model",
    });
}
/**
 * The OpenAI-compatible base URL of an Ollama server. `OLLAMA_HOST` is often `host:port`
 * or a bare host without a scheme, as the Ollama CLI accepts; undefined when unusable.
 */
export function ollamaBaseUrl(host) {
    if (host === undefined)
        return `${defaultOllamaHost}/v1`;
    const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host);
    let url;
    try {
        url = new URL(hasScheme ? host : `http://${host}`);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
        return undefined;
    if (!hasScheme && url.port === "")
        url.port = "11434";
    return `${url.origin}${withoutTrailingSlash(url.pathname)}/v1`;
}
function withoutTrailingSlash(url) {
    return url.replace(/\/+$/, "");
}
/** A URL with its user:password part removed, for descriptions. */
function displayUrl(url) {
    try {
        const parsed = new URL(url);
        parsed.username = "";
        parsed.password = "";
        return withoutTrailingSlash(parsed.toString());
    }
    catch {
        return "(invalid URL)";
    }
}
//# sourceMappingURL=model-registry.js.map