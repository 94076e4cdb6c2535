import { askField, oneOf, set, stringAt, tableAt, valueAt, type Parsed } from "./ask-field.js";
import type { TomlTable } from "./commented-toml.js";
import { sayOverrides, type StepContext } from "./setup-host.js";

/**
 * The model providers `llm/model-registry.ts` builds in (cli/ may not import llm/, so
 * their variables are named again here). Only the OpenAI-compatible ones can move to
 * another base URL in hangar.toml: a `[llm.providers.<name>]` table replaces the built-in.
 */
interface BuiltinProvider {
  name: string;
  keyVariable?: string;
  baseUrlVariable: string;
  defaultBaseUrl: string;
  isOverridable: boolean;
  suggestedModel: string;
  note?: string;
}

const builtinProviders: BuiltinProvider[] = [
  {
    name: "openai",
    keyVariable: "OPENAI_API_KEY",
    baseUrlVariable: "OPENAI_BASE_URL",
    defaultBaseUrl: "https://api.openai.com/v1",
    isOverridable: true,
    suggestedModel: "gpt-4.1",
  },
  {
    name: "anthropic",
    keyVariable: "ANTHROPIC_API_KEY",
    baseUrlVariable: "ANTHROPIC_BASE_URL",
    defaultBaseUrl: "https://api.anthropic.com/v1",
    isOverridable: false,
    suggestedModel: "claude-sonnet-4-5",
  },
  {
    name: "gemini",
    keyVariable: "GEMINI_API_KEY",
    baseUrlVariable: "GOOGLE_GEMINI_BASE_URL",
    defaultBaseUrl: "https://generativelanguage.googleapis.com",
    isOverridable: false,
    suggestedModel: "gemini-2.5-pro",
    note: "gemini models serve external agents (gemini) only; the built-in agent speaks OpenAI and Anthropic",
  },
  {
    name: "ollama",
    baseUrlVariable: "OLLAMA_HOST",
    defaultBaseUrl: "http://127.0.0.1:11434/v1",
    isOverridable: true,
    suggestedModel: "qwen2.5-coder",
  },
];

/** The answer that adds a new OpenAI-compatible provider. */
const newProvider = "custom";

/** `[llm.providers.<name>]` as the draft holds it. */
interface ProviderTable {
  base_url?: unknown;
  api_key_env?: unknown;
}

/**
 * Provider, base URL, model name; then whether the provider's key variable is set. The
 * key itself is never asked for: it stays in the environment (or .env).
 */
export async function askModel(context: StepContext, draft: TomlTable): Promise<TomlTable> {
  const { prompter } = context;
  const configured = configuredProviders(draft);
  for (const line of providerLines(context, configured)) prompter.say(`  ${line}`);
  const currentModel = stringAt(draft, ["llm", "default_model"]) ?? "openai:gpt-4.1";
  const separator = currentModel.indexOf(":");
  const currentProvider = separator > 0 ? currentModel.slice(0, separator) : "";
  const known = [
    ...new Set([...builtinProviders.map((provider) => provider.name), ...Object.keys(configured)]),
  ];
  const { value: chosen } = await askField(prompter, draft, {
    field: "llm.default_model",
    question: `the model's provider (${[...known, newProvider].join(", ")})`,
    defaultAnswer: known.includes(currentProvider) ? currentProvider : "openai",
    parse: (answer) => oneOf(answer, [...known, newProvider], "provider"),
    apply: (copy) => copy,
    checkedPaths: [],
  });
  const provider = chosen === newProvider ? await askProviderName(context, draft, known) : chosen;
  let next = await askBaseUrl(context, draft, provider);
  const builtin = builtinProviders.find((candidate) => candidate.name === provider);
  ({ draft: next } = await askField(prompter, next, {
    field: "llm.default_model",
    question: `the model's name at ${provider}`,
    defaultAnswer:
      provider === currentProvider ? currentModel.slice(separator + 1) : (builtin?.suggestedModel ?? ""),
    parse: parseModelName,
    apply: (copy, name) => set(copy, ["llm", "default_model"], `${provider}:${name}`),
  }));
  sayKeyStatus(context, next, provider);
  sayOverrides(context, ["llm", "default_model"]);
  return next;
}

export function parseModelName(answer: string): Parsed<string> {
  if (answer === "") return { problem: "name the model (e.g. gpt-4.1, qwen2.5-coder:7b)" };
  if (/\s/.test(answer)) return { problem: `a model name has no spaces (got "${answer}")` };
  return { value: answer };
}

async function askProviderName(context: StepContext, draft: TomlTable, known: string[]): Promise<string> {
  const { value } = await askField(context.prompter, draft, {
    field: "llm.providers",
    question: "a name for the new OpenAI-compatible provider (models are then <name>:<model>)",
    defaultAnswer: "local",
    parse: (answer): Parsed<string> => {
      if (known.includes(answer)) return { problem: `${answer} exists: choose it as the provider instead` };
      if (!/^[a-z][a-z0-9-]{0,31}$/.test(answer)) {
        return { problem: `a provider name is 1-32 lowercase letters, digits, - (got "${answer}")` };
      }
      return { value: answer };
    },
    apply: (copy) => copy,
    checkedPaths: [],
  });
  return value;
}

async function askBaseUrl(context: StepContext, draft: TomlTable, provider: string): Promise<TomlTable> {
  const { prompter, host } = context;
  const builtin = builtinProviders.find((candidate) => candidate.name === provider);
  const table = configuredProviders(draft)[provider];
  const field = `llm.providers.${provider}`;
  if (builtin !== undefined) {
    const fromEnvironment = host.readVariable(builtin.baseUrlVariable);
    const source = fromEnvironment === undefined ? "built in" : `from ${builtin.baseUrlVariable}`;
    prompter.say(`  ${provider}'s base URL: ${fromEnvironment ?? builtin.defaultBaseUrl} (${source})`);
    if (!builtin.isOverridable) {
      prompter.say(`  set ${builtin.baseUrlVariable} in the environment to send its requests elsewhere`);
      return draft;
    }
    const { draft: next } = await askField(prompter, draft, {
      field: `${field}.base_url`,
      question: 'another OpenAI-compatible API root, or "default" for the one above',
      defaultAnswer: typeof table?.base_url === "string" ? table.base_url : "default",
      parse: (answer): Parsed<string | undefined> => ({ value: answer === "default" ? undefined : answer }),
      apply: (copy, url) => {
        if (url === undefined) return removeProvider(copy, provider);
        const keyVariable = typeof table?.api_key_env === "string" ? table.api_key_env : builtin.keyVariable;
        return set(copy, ["llm", "providers", provider], {
          ...table,
          base_url: url,
          ...(keyVariable === undefined ? {} : { api_key_env: keyVariable }),
        });
      },
      checkedPaths: [field],
    });
    return next;
  }
  let { draft: next } = await askField(prompter, draft, {
    field: `${field}.base_url`,
    question: "the server's OpenAI-compatible API root",
    defaultAnswer: typeof table?.base_url === "string" ? table.base_url : "http://127.0.0.1:8000/v1",
    parse: (answer) => ({ value: answer }),
    apply: (copy, url) => set(copy, ["llm", "providers", provider, "base_url"], url),
  });
  ({ draft: next } = await askField(prompter, next, {
    field: `${field}.api_key_env`,
    question: 'the environment variable holding its key, or "none"',
    defaultAnswer: typeof table?.api_key_env === "string" ? table.api_key_env : "none",
    parse: (answer): Parsed<string | undefined> => ({ value: answer === "none" ? undefined : answer }),
    apply: (copy, name) => {
      const entry = tableAt(copy, ["llm", "providers", provider]);
      if (name === undefined) delete entry.api_key_env;
      else entry.api_key_env = name;
      return copy;
    },
  }));
  return next;
}

function removeProvider(draft: TomlTable, provider: string): TomlTable {
  const providers = valueAt(draft, ["llm", "providers"]);
  if (typeof providers !== "object" || providers === null) return draft;
  delete (providers as TomlTable)[provider];
  // An empty `[llm.providers]` would be a header saying nothing.
  if (Object.keys(providers).length === 0) delete tableAt(draft, ["llm"]).providers;
  return draft;
}

function configuredProviders(draft: TomlTable): Record<string, ProviderTable> {
  const providers = valueAt(draft, ["llm", "providers"]);
  if (typeof providers !== "object" || providers === null || Array.isArray(providers)) return {};
  return Object.fromEntries(
    Object.entries(providers as TomlTable).filter(
      (entry): entry is [string, ProviderTable] => typeof entry[1] === "object" && entry[1] !== null,
    ),
  );
}

/** The variable a provider's key is read from: its table's `api_key_env`, else the built-in's. */
function keyVariableOf(draft: TomlTable, provider: string): string | undefined {
  const table = configuredProviders(draft)[provider];
  if (table !== undefined) return typeof table.api_key_env === "string" ? table.api_key_env : undefined;
  return builtinProviders.find((candidate) => candidate.name === provider)?.keyVariable;
}

function providerLines(context: StepContext, configured: Record<string, ProviderTable>): string[] {
  const names = [
    ...new Set([...builtinProviders.map((provider) => provider.name), ...Object.keys(configured)]),
  ];
  const width = Math.max(newProvider.length, ...names.map((name) => name.length));
  const draft = { llm: { providers: configured } };
  const lines = names.map((name) => {
    const table = configured[name];
    const where = typeof table?.base_url === "string" ? `${table.base_url}, ` : "";
    const variable = keyVariableOf(draft, name);
    const key = variable === undefined ? "no key needed" : `${variable} ${keyState(context, variable)}`;
    return `${name.padEnd(width)}  ${where}${key}`;
  });
  lines.push(`${newProvider.padEnd(width)}  add an OpenAI-compatible server (vLLM, llama.cpp, LM Studio …)`);
  return lines;
}

function keyState(context: StepContext, variable: string): string {
  return context.host.readVariable(variable) === undefined ? "not set" : "set";
}

function sayKeyStatus(context: StepContext, draft: TomlTable, provider: string): void {
  const { prompter } = context;
  const variable = keyVariableOf(draft, provider);
  if (variable === undefined) prompter.say(`  ✓ ${provider} needs no API key`);
  else if (context.host.readVariable(variable) !== undefined) {
    prompter.say(`  ✓ ${variable} is set in this environment (the key stays there, never in hangar.toml)`);
  } else {
    prompter.say(
      `  ! ${variable} is not set: export it (or put it in .env) before hangar serve; the key never goes in hangar.toml`,
    );
  }
  const note = builtinProviders.find((candidate) => candidate.name === provider)?.note;
  if (note !== undefined) prompter.say(`  ! ${note}`);
}
