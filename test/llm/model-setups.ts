import { streamText, type ToolSet } from "ai";
import type { ConfiguredProvider } from "../../src/llm/model-registry.js";
import { ModelRegistry, type ResolvedModel } from "../../src/llm/model-registry.js";
import type { ScriptedModelServer, WireFormat } from "../fixtures/scripted-model-server.js";

/** A key no real provider issued: if it shows up in an error message, redaction failed. */
export const canaryApiKey = "sk-canary-5f1d2c9e-0b7a-4e31-9c8d-hangar-test";

/** One way of reaching the scripted server through the real AI SDK providers. */
export interface ModelSetup {
  label: string;
  wireFormat: WireFormat;
  /** The `provider:model` name resolved through the registry. */
  modelName: string;
  /** The model id the server must receive. */
  expectedModelId: string;
  /** The key the server must receive, as the provider sends it. */
  sentKey(headers: Record<string, string | string[] | undefined>): string | undefined;
  hasKey: boolean;
  registry(server: ScriptedModelServer): ModelRegistry;
}

function registryOf(
  variables: Record<string, string>,
  providers: Record<string, ConfiguredProvider> = {},
): ModelRegistry {
  return new ModelRegistry({
    defaultModel: "openai:unused",
    providers,
    readVariable: (name) => variables[name],
  });
}

const bearer = (headers: Record<string, string | string[] | undefined>): string | undefined => {
  const value = headers.authorization;
  return typeof value === "string" ? value.replace(/^Bearer /, "") : undefined;
};

export const modelSetups: ModelSetup[] = [
  {
    label: "openai (chat completions)",
    wireFormat: "openai",
    modelName: "openai:gpt-4.1-mini",
    expectedModelId: "gpt-4.1-mini",
    sentKey: bearer,
    hasKey: true,
    registry: (server) => registryOf({ OPENAI_API_KEY: canaryApiKey, OPENAI_BASE_URL: server.openaiBaseUrl }),
  },
  {
    label: "anthropic (messages)",
    wireFormat: "anthropic",
    modelName: "anthropic:claude-sonnet-4-5",
    expectedModelId: "claude-sonnet-4-5",
    sentKey: (headers) => (typeof headers["x-api-key"] === "string" ? headers["x-api-key"] : undefined),
    hasKey: true,
    registry: (server) =>
      registryOf({ ANTHROPIC_API_KEY: canaryApiKey, ANTHROPIC_BASE_URL: server.anthropicBaseUrl }),
  },
  {
    label: "[llm.providers.local] (OpenAI-compatible)",
    wireFormat: "openai",
    modelName: "local:qwen2.5-coder:7b",
    expectedModelId: "qwen2.5-coder:7b",
    sentKey: bearer,
    hasKey: true,
    registry: (server) =>
      registryOf(
        { LOCAL_MODEL_KEY: canaryApiKey },
        { local: { base_url: server.openaiBaseUrl, api_key_env: "LOCAL_MODEL_KEY" } },
      ),
  },
  {
    label: "ollama (OLLAMA_HOST)",
    wireFormat: "openai",
    modelName: "ollama:qwen2.5-coder:7b",
    expectedModelId: "qwen2.5-coder:7b",
    sentKey: bearer,
    hasKey: false,
    // OLLAMA_HOST as users write it: host:port, no scheme.
    registry: (server) => registryOf({ OLLAMA_HOST: server.url.replace(/^http:\/\//, "") }),
  },
];

export interface CollectedStream {
  text: string;
  textDeltas: string[];
  toolCalls: Array<{ toolCallId: string; toolName: string; input: unknown }>;
  finishReason: string | undefined;
  usage: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined;
  errors: unknown[];
  partTypes: string[];
}

/** Runs one `streamText` call and gathers what an agent loop reads from `fullStream`. */
export async function collectStream(
  resolved: ResolvedModel,
  options: {
    tools?: ToolSet;
    maxRetries?: number;
    abortSignal?: AbortSignal;
    prompt?: string;
    onTextDelta?: (text: string) => void;
  } = {},
): Promise<CollectedStream> {
  const result = streamText({
    model: resolved.model,
    prompt: options.prompt ?? "Say hello.",
    ...(options.tools === undefined ? {} : { tools: options.tools }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    // Errors arrive as `error` parts below; the default handler would print them.
    onError: () => {},
  });
  const collected: CollectedStream = {
    text: "",
    textDeltas: [],
    toolCalls: [],
    finishReason: undefined,
    usage: undefined,
    errors: [],
    partTypes: [],
  };
  for await (const part of result.fullStream) {
    collected.partTypes.push(part.type);
    if (part.type === "text-delta") {
      collected.textDeltas.push(part.text);
      collected.text += part.text;
      options.onTextDelta?.(part.text);
    } else if (part.type === "tool-call") {
      collected.toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
    } else if (part.type === "finish") {
      collected.finishReason = part.finishReason;
      collected.usage = {
        inputTokens: part.totalUsage.inputTokens,
        outputTokens: part.totalUsage.outputTokens,
      };
    } else if (part.type === "error") {
      collected.errors.push(part.error);
    }
  }
  return collected;
}
