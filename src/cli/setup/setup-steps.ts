import { askField, oneOf, set, stringAt, valueAt, type Parsed } from "./ask-field.js";
import type { TomlTable } from "./commented-toml.js";
import { sayOverrides, type StepContext } from "./setup-host.js";

export async function askSandboxProvider(context: StepContext, draft: TomlTable): Promise<TomlTable> {
  const { prompter, host } = context;
  const findings = await host.inspectProviders(draft, (line) => prompter.say(`  ${line}`));
  const names = findings.map((finding) => finding.name);
  const current = stringAt(draft, ["sandbox", "provider"]) ?? "bwrap";
  const { value, draft: next } = await askField(prompter, draft, {
    field: "sandbox.provider",
    question: `where code runs (${names.join(", ")})`,
    defaultAnswer: current,
    parse: (answer) => oneOf(answer, names, "sandbox provider"),
    apply: (copy, name) => set(copy, ["sandbox", "provider"], name),
  });
  const chosen = findings.find((finding) => finding.name === value);
  if (chosen !== undefined && !chosen.isReady) {
    prompter.say(
      `! ${value} is not ready on this host yet (see above): hangar serve refuses to start until it is`,
    );
  }
  sayOverrides(context, ["sandbox", "provider"]);
  return next;
}

export async function askDefaultAgent(context: StepContext, draft: TomlTable): Promise<TomlTable> {
  const { prompter, host } = context;
  const agents = await host.listAgents(draft);
  const width = Math.max(...agents.map((agent) => agent.name.length));
  const titleWidth = Math.max(...agents.map((agent) => agent.title.length));
  for (const agent of agents) {
    const state = agent.installed === "n/a" ? "" : `  installed: ${agent.installed}`;
    prompter.say(
      `  ${agent.name.padEnd(width)}  ${agent.title.padEnd(state === "" ? 0 : titleWidth)}${state}`,
    );
  }
  const names = agents.map((agent) => agent.name);
  const { value, draft: next } = await askField(prompter, draft, {
    field: "agents.default_agent",
    question: "the agent a session runs when it names none",
    defaultAnswer: stringAt(draft, ["agents", "default_agent"]) ?? "builtin",
    parse: (answer) => oneOf(answer, names, "agent"),
    apply: (copy, name) => set(copy, ["agents", "default_agent"], name),
  });
  const chosen = agents.find((agent) => agent.name === value);
  if (chosen?.installed === "no" || chosen?.installed === "outdated") {
    prompter.say(
      `! ${value} is not installed: run  hangar agents install ${value}  before a session uses it`,
    );
  }
  return next;
}

export async function askServerPort(context: StepContext, draft: TomlTable): Promise<TomlTable> {
  const current = valueAt(draft, ["server", "port"]);
  const { draft: next } = await askField(context.prompter, draft, {
    field: "server.port",
    question: "the TCP port the HTTP API listens on",
    defaultAnswer: typeof current === "number" ? String(current) : "8087",
    parse: parsePort,
    apply: (copy, port) => set(copy, ["server", "port"], port),
  });
  sayOverrides(context, ["server", "port"]);
  return next;
}

export function parsePort(answer: string): Parsed<number> {
  if (!/^\d{1,6}$/.test(answer))
    return { problem: `must be a whole number from 1 to 65535 (got "${answer}")` };
  const port = Number(answer);
  if (port === 0)
    return { problem: "0 picks a random port at each start, which clients could not find: use 1-65535" };
  if (port > 65535) return { problem: `must be a whole number from 1 to 65535 (got ${port})` };
  return { value: port };
}

interface ApiKeyEntry extends TomlTable {
  key: string;
  owner: string;
}

interface KeyOwner {
  owner: string;
  isAdmin: boolean;
}

/**
 * The schema keeps API keys in the file (`[[server.api_keys]]`), so the step asks who
 * holds one: an owner already holding a key keeps it, a new owner gets a generated one.
 * Keys are never printed; the diff masks them and the file is written 0600.
 */
export async function askApiKeys(
  context: StepContext,
  draft: TomlTable,
): Promise<{ draft: TomlTable; generated: string[] }> {
  const { prompter, host } = context;
  const existing = apiKeysIn(draft);
  prompter.say(
    existing.length === 0
      ? "  no API keys: only clients on this machine may call the server (server.host must stay loopback)"
      : `  ${existing.length} API key${existing.length === 1 ? "" : "s"} in the file: ${existing.map(describeOwner).join(", ")}`,
  );
  const current = existing.map((entry) => (entry.admin === true ? `${entry.owner}:admin` : entry.owner));
  let generated: string[] = [];
  const { draft: next } = await askField(prompter, draft, {
    field: "server.api_keys",
    question: 'owners holding a key, comma-separated (owner:admin for an admin key), or "none"',
    defaultAnswer: current.length === 0 ? "none" : current.join(", "),
    parse: parseOwners,
    apply: (copy, owners) => {
      const { entries, newOwners } = keysFor(owners, existing, () => host.generateKey());
      generated = newOwners;
      return set(copy, ["server", "api_keys"], entries);
    },
  });
  if (generated.length > 0) {
    prompter.say(
      `  a new key will be generated for ${generated.join(", ")}: read it in the file once written`,
    );
  }
  sayOverrides(context, ["server", "api_keys"]);
  return { draft: next, generated };
}

export function parseOwners(answer: string): Parsed<KeyOwner[]> {
  if (answer.toLowerCase() === "none") return { value: [] };
  const owners: KeyOwner[] = [];
  for (const part of answer.split(",").map((entry) => entry.trim())) {
    if (part === "") return { problem: 'an owner is missing between commas (or answer "none")' };
    const admin = /^(.*):admin$/.exec(part);
    owners.push(admin ? { owner: admin[1]!, isAdmin: true } : { owner: part, isAdmin: false });
  }
  return { value: owners };
}

/** The i-th mention of an owner keeps that owner's i-th existing key. */
function keysFor(
  owners: KeyOwner[],
  existing: ApiKeyEntry[],
  generateKey: () => string,
): { entries: ApiKeyEntry[]; newOwners: string[] } {
  const unused = [...existing];
  const newOwners: string[] = [];
  const entries = owners.map(({ owner, isAdmin }) => {
    const index = unused.findIndex((entry) => entry.owner === owner);
    const kept = index === -1 ? undefined : unused.splice(index, 1)[0];
    if (kept === undefined) newOwners.push(owner);
    const { admin: _admin, ...rest } = kept ?? { key: generateKey(), owner };
    return isAdmin ? { ...rest, admin: true } : rest;
  });
  return { entries, newOwners };
}

function apiKeysIn(draft: TomlTable): ApiKeyEntry[] {
  const keys = valueAt(draft, ["server", "api_keys"]);
  if (!Array.isArray(keys)) return [];
  return keys.filter(
    (entry): entry is ApiKeyEntry =>
      typeof entry === "object" && entry !== null && typeof (entry as TomlTable).owner === "string",
  );
}

function describeOwner(entry: ApiKeyEntry): string {
  return entry.admin === true ? `${entry.owner} (admin)` : entry.owner;
}
