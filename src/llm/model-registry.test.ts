import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { ModelRegistry, type ModelRegistryOptions, ollamaBaseUrl } from "./model-registry.js";

function registry(
  variables: Record<string, string> = {},
  options: Partial<ModelRegistryOptions> = {},
): ModelRegistry {
  return new ModelRegistry({
    defaultModel: "openai:gpt-4.1",
    readVariable: (name) => variables[name],
    ...options,
  });
}

function thrown(action: () => unknown): HangarError {
  try {
    action();
  } catch (error) {
    if (error instanceof HangarError) return error;
    throw error;
  }
  throw new Error("expected a HangarError");
}

describe("ModelRegistry.resolve", () => {
  const withKeys = registry(
    { OPENAI_API_KEY: "sk-openai-key", ANTHROPIC_API_KEY: "sk-ant-key" },
    {
      providers: {
        openrouter: { base_url: "https://openrouter.example/api/v1", api_key_env: "OPENROUTER_KEY" },
      },
    },
  );

  it("resolves the default model when no name is given", () => {
    const resolved = withKeys.resolve();
    expect(resolved).toMatchObject({ id: "openai:gpt-4.1", provider: "openai", modelId: "gpt-4.1" });
    // The chat-completions model, not the Responses API one.
    expect(resolved.model).toMatchObject({ provider: "openai.chat", modelId: "gpt-4.1" });
  });

  it("splits at the first colon only, so model ids may hold : and /", () => {
    expect(withKeys.resolve("ollama:qwen2.5-coder:7b")).toMatchObject({
      provider: "ollama",
      modelId: "qwen2.5-coder:7b",
      model: { modelId: "qwen2.5-coder:7b" },
    });
    expect(withKeys.resolve("anthropic:claude-sonnet-4-5").model).toMatchObject({
      provider: "anthropic.messages",
      modelId: "claude-sonnet-4-5",
    });
  });

  it("caches: resolving the same name twice returns the same model", () => {
    expect(withKeys.resolve("openai:gpt-4.1-mini")).toBe(withKeys.resolve("openai:gpt-4.1-mini"));
  });

  it.each(["gpt-4.1", ":gpt-4.1", "openai:", "openai: gpt", ""])("rejects the malformed name %j", (name) => {
    const error = thrown(() => withKeys.resolve(name));
    expect(error).toMatchObject({ code: "UNKNOWN_MODEL", field: "model" });
    expect(error.message).toContain("provider:model");
    expect(error.message).toContain("openai, anthropic, gemini, ollama, openrouter");
  });

  it("rejects an unknown provider, listing the known ones", () => {
    const error = thrown(() => withKeys.resolve("mistral:large"));
    expect(error).toMatchObject({ code: "UNKNOWN_MODEL", field: "model" });
    expect(error.message).toBe(
      'unknown model provider "mistral" in "mistral:large"; known providers: openai, anthropic, gemini, ollama, openrouter',
    );
  });

  it("asks for the key variable that is missing", () => {
    const empty = registry(
      {},
      { providers: { openrouter: { base_url: "https://x.example/v1", api_key_env: "OR_KEY" } } },
    );
    expect(thrown(() => empty.resolve("openai:gpt-4.1"))).toMatchObject({
      code: "MISSING_API_KEY",
      field: "model",
    });
    expect(thrown(() => empty.resolve()).message).toContain("set OPENAI_API_KEY (or OPENAI_BASE_URL");
    expect(thrown(() => empty.resolve("anthropic:claude")).message).toContain("set ANTHROPIC_API_KEY");
    expect(thrown(() => empty.resolve("openrouter:anthropic/claude-3.5")).message).toContain("set OR_KEY");
  });

  it("needs no key for ollama or for a configured provider without api_key_env", () => {
    const keyless = registry({}, { providers: { local: { base_url: "http://127.0.0.1:8080/v1" } } });
    expect(keyless.resolve("ollama:llama3").modelId).toBe("llama3");
    expect(keyless.resolve("local:anthropic/claude-3.5").modelId).toBe("anthropic/claude-3.5");
  });

  it("lets a configured table replace a built-in provider of the same name", () => {
    const replaced = registry({}, { providers: { anthropic: { base_url: "http://127.0.0.1:9/v1" } } });
    expect(replaced.resolve("anthropic:claude").model).toMatchObject({ provider: "anthropic.chat" });
  });

  it("sends a placeholder key to OPENAI_BASE_URL when OPENAI_API_KEY is unset", async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    // A hand-written fetch: records the request and answers like a chat-completions server.
    const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = input instanceof Request ? input.url : input.toString();
      seen.push({ url, authorization: new Headers(init?.headers).get("authorization") });
      const completion = {
        id: "x",
        created: 0,
        model: "qwen2.5-coder",
        choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }],
      };
      return Response.json(completion);
    };
    const local = registry(
      { OPENAI_BASE_URL: "http://127.0.0.1:11434/v1/" },
      { defaultModel: "openai:qwen2.5-coder", fetch: recordingFetch },
    );
    const answer = await generateText({ model: local.resolve().model, prompt: "hello" });
    expect(answer.text).toBe("hi");
    expect(seen).toEqual([
      { url: "http://127.0.0.1:11434/v1/chat/completions", authorization: "Bearer hangar-no-key" },
    ]);
  });
});

describe("the gemini provider", () => {
  it("is identified for external agents, relays to the API version root, and is refused by the built-in agent", () => {
    const registry = new ModelRegistry({
      defaultModel: "gemini:gemini-2.5-pro",
      readVariable: (name) =>
        ({ GEMINI_API_KEY: "gm-key", GOOGLE_GEMINI_BASE_URL: "http://127.0.0.1:9999/" })[name],
    });
    expect(registry.identify()).toEqual({
      id: "gemini:gemini-2.5-pro",
      provider: "gemini",
      modelId: "gemini-2.5-pro",
    });
    expect(registry.upstream("gemini")).toEqual({
      name: "gemini",
      kind: "gemini",
      baseUrl: "http://127.0.0.1:9999/v1beta",
      apiKey: "gm-key",
    });
    expect(() => registry.resolve()).toThrow(/serve external agents/);
    expect(registry.secrets()).toContain("gm-key");
  });
});

describe("ModelRegistry.secrets and describe", () => {
  const variables = {
    OPENAI_API_KEY: "sk-openai-secret",
    LOCAL_KEY: "local-secret",
    OLLAMA_HOST: "gpu-box",
  };
  const configured = registry(variables, {
    defaultModel: "anthropic:claude-sonnet-4-5",
    providers: {
      local: { base_url: "http://user:password@127.0.0.1:8080/v1", api_key_env: "LOCAL_KEY" },
      remote: { base_url: "https://remote.example/v1", api_key_env: "REMOTE_KEY" },
    },
  });

  it("returns every key value it may send, and nothing else", () => {
    expect(configured.secrets().sort()).toEqual(["local-secret", "sk-openai-secret"]);
  });

  it("describes every provider without secrets", () => {
    const description = configured.describe();
    expect(description).toEqual({
      defaultModel: "anthropic:claude-sonnet-4-5",
      defaultModelProblem: 'model provider "anthropic" has no API key: set ANTHROPIC_API_KEY',
      providers: [
        {
          name: "openai",
          kind: "openai",
          baseUrl: "https://api.openai.com/v1",
          keyVariable: "OPENAI_API_KEY",
          isConfigured: true,
        },
        {
          name: "anthropic",
          kind: "anthropic",
          baseUrl: "https://api.anthropic.com/v1",
          keyVariable: "ANTHROPIC_API_KEY",
          isConfigured: false,
          problem: "set ANTHROPIC_API_KEY",
        },
        {
          name: "gemini",
          kind: "gemini",
          baseUrl: "https://generativelanguage.googleapis.com",
          keyVariable: "GEMINI_API_KEY",
          isConfigured: false,
          problem: "set GEMINI_API_KEY",
        },
        { name: "ollama", kind: "openai-compatible", baseUrl: "http://gpu-box:11434/v1", isConfigured: true },
        {
          name: "local",
          kind: "openai-compatible",
          baseUrl: "http://127.0.0.1:8080/v1",
          keyVariable: "LOCAL_KEY",
          isConfigured: true,
        },
        {
          name: "remote",
          kind: "openai-compatible",
          baseUrl: "https://remote.example/v1",
          keyVariable: "REMOTE_KEY",
          isConfigured: false,
          problem: "set REMOTE_KEY (api_key_env of llm.providers.remote)",
        },
      ],
    });
    const text = JSON.stringify(description);
    for (const secret of ["sk-openai-secret", "local-secret", "password"]) expect(text).not.toContain(secret);
  });
});

describe("ollamaBaseUrl", () => {
  it.each([
    [undefined, "http://127.0.0.1:11434/v1"],
    ["127.0.0.1:11500", "http://127.0.0.1:11500/v1"],
    ["gpu-box", "http://gpu-box:11434/v1"],
    ["http://gpu-box", "http://gpu-box/v1"],
    ["https://ollama.example/prefix/", "https://ollama.example/prefix/v1"],
    ["ftp://gpu-box", undefined],
    ["http://[bad", undefined],
  ])("%j → %j", (host, expected) => {
    expect(ollamaBaseUrl(host)).toBe(expected);
  });

  it("reports an unusable OLLAMA_HOST instead of failing at start", () => {
    const broken = registry({ OLLAMA_HOST: "ftp://gpu-box" });
    expect(broken.describe().providers.find((provider) => provider.name === "ollama")).toMatchObject({
      isConfigured: false,
    });
    expect(thrown(() => broken.resolve("ollama:llama3")).code).toBe("CONFIG_INVALID");
  });
});

describe("ModelRegistry.upstream", () => {
  it("gives the model relay each provider's real base URL and key, and refuses unusable providers", () => {
    const configured = registry(
      { ANTHROPIC_API_KEY: "sk-ant-key", OPENROUTER_KEY: "sk-or-key" },
      {
        providers: {
          openrouter: { base_url: "https://openrouter.example/api/v1/", api_key_env: "OPENROUTER_KEY" },
        },
      },
    );
    expect(configured.upstream("anthropic")).toEqual({
      name: "anthropic",
      kind: "anthropic",
      baseUrl: "https://api.anthropic.com/v1",
      apiKey: "sk-ant-key",
    });
    expect(configured.upstream("openrouter")).toEqual({
      name: "openrouter",
      kind: "openai-compatible",
      baseUrl: "https://openrouter.example/api/v1",
      apiKey: "sk-or-key",
    });
    expect(configured.upstream("ollama")).toEqual({
      name: "ollama",
      kind: "openai-compatible",
      baseUrl: "http://127.0.0.1:11434/v1",
    });
    expect(thrown(() => configured.upstream("openai")).code).toBe("MISSING_API_KEY");
    expect(thrown(() => configured.upstream("nowhere")).code).toBe("UNKNOWN_MODEL");
  });
});
