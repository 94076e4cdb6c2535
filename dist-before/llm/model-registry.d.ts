import type { LanguageModel } from "ai";
import type { ObserveModelRequest } from "../core/model-request-observation.js";
/** A model object for `streamText`/`generateText` (never the SDK's global string ids). */
export type ChatModel = Exclude<LanguageModel, string>;
export interface ResolvedModel {
    /** `provider:model`, e.g. `openai:gpt-4.1` or `ollama:qwen2.5-coder:7b`. */
    id: string;
    provider: string;
    modelId: string;
    model: ChatModel;
}
/** One `[llm.providers.<name>]` table of the config. */
export interface ConfiguredProvider {
    base_url: string;
    api_key_env?: string | undefined;
}
export interface ModelRegistryOptions {
    defaultModel: string;
    providers?: Record<string, ConfiguredProvider>;
    /** Reads an environment variable (`environmentVariable` from config/load-config.ts). */
    readVariable: (name: string) => string | undefined;
    /** Used by every provider; default keepAliveFetch. Tests and instrumentation pass their own. */
    fetch?: typeof fetch;
    /** Told of every request a resolved model makes (metrics). */
    onModelRequest?: ObserveModelRequest;
}
export type ProviderKind = "openai" | "anthropic" | "openai-compatible" | "gemini";
export interface ProviderDescription {
    name: string;
    kind: ProviderKind;
    /** Where requests go, without any user:password part. */
    baseUrl: string;
    /** The variable the key is read from; absent for providers that need none. */
    keyVariable?: string;
    isConfigured: boolean;
    /** What to do when `isConfigured` is false. */
    problem?: string;
}
export interface ModelRegistryDescription {
    defaultModel: string;
    /** Why the default model cannot be used, when it cannot. */
    defaultModelProblem?: string;
    providers: ProviderDescription[];
}
/** Where a provider's requests go and the key they carry: what the model relay forwards to. */
export interface ProviderUpstream {
    name: string;
    kind: ProviderKind;
    /** The API root the SDK appends its paths to (`…/v1` for OpenAI and Anthropic). */
    baseUrl: string;
    /** Absent for providers that need none. Never shown, logged or sent to a sandbox. */
    apiKey?: string;
}
/**
 * Turns `provider:model` names into AI SDK model objects. Built-in providers are
 * `openai` (chat completions), `anthropic` and `ollama`; every `[llm.providers.<name>]`
 * table adds an OpenAI-compatible provider (and replaces a built-in of the same name).
 */
export declare class ModelRegistry {
    #private;
    readonly defaultModel: string;
    constructor(options: ModelRegistryOptions);
    get providerNames(): string[];
    /**
     * A model's id, provider and name, checked (a known provider with its key) but
     * without building a client: what external agents, which reach the model through
     * the relay, need. Throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`).
     */
    identify(name?: string): Omit<ResolvedModel, "model">;
    /** No name → the default model. Throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`). */
    resolve(name?: string): ResolvedModel;
    /**
     * The base URL and key of a provider, for the model relay (which forwards an external
     * agent's requests there). Throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`).
     */
    upstream(provider: string): ProviderUpstream;
    /** Every key value the registry may send, for redaction of logs and errors. */
    secrets(): string[];
    /** Providers and whether they can be used; contains no secrets (for /health and doctor). */
    describe(): ModelRegistryDescription;
}
/**
 * The OpenAI-compatible base URL of an Ollama server. `OLLAMA_HOST` is often `host:port`
 * or a bare host without a scheme, as the Ollama CLI accepts; undefined when unusable.
 */
export declare function ollamaBaseUrl(host: string | undefined): string | undefined;
