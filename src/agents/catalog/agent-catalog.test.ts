import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { agentCatalog, builtinAgentId, wireFormats } from "./agent-catalog.js";
import { placeholdersIn, templatePlaceholders } from "./agent-templates.js";

/** The catalog is data: these checks keep every entry launchable by expandAgent. */
describe("the agent catalog", () => {
  it("has the six agents of issue 10, each once, and never `builtin`", () => {
    expect(agentCatalog.map((agent) => agent.id)).toEqual([
      "claude-code",
      "codex",
      "gemini",
      "qwen",
      "opencode",
      "goose",
    ]);
    expect(agentCatalog.map((agent) => agent.id)).not.toContain(builtinAgentId);
  });

  it.each(agentCatalog.map((agent) => [agent.id, agent] as const))(
    "%s pins an exact npm version, a command inside its install directory and known model APIs",
    (_id, agent) => {
      expect(agent.package?.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(posix.isAbsolute(agent.command.path)).toBe(false);
      expect(agent.command.path.split("/")).not.toContain("..");
      expect(agent.command.path.startsWith("node_modules/")).toBe(true);
      expect(agent.wireFormats.length).toBeGreaterThan(0);
      for (const format of agent.wireFormats) expect(wireFormats).toContain(format);
      for (const path of Object.keys(agent.homeFiles)) {
        expect(posix.isAbsolute(path)).toBe(false);
        expect(path.split("/")).not.toContain("..");
      }
    },
  );

  it.each(agentCatalog.map((agent) => [agent.id, agent] as const))(
    "%s uses only known placeholders, {{arch}} only in its command, {{proxy_url}} only in env",
    (_id, agent) => {
      const sessionPlaceholders = templatePlaceholders.filter((name) => name !== "arch");
      // An env entry may need the egress proxy (it is left out without one); arguments and files may not.
      const alwaysFilled = sessionPlaceholders.filter((name) => name !== "proxy_url");
      for (const template of Object.values(agent.env)) {
        for (const name of placeholdersIn(template)) expect(sessionPlaceholders).toContain(name);
      }
      for (const template of [...agent.args, ...Object.values(agent.homeFiles)]) {
        for (const name of placeholdersIn(template)) expect(alwaysFilled).toContain(name);
      }
      for (const path of Object.keys(agent.homeFiles)) expect(placeholdersIn(path)).toEqual([]);
      for (const name of placeholdersIn(agent.command.path)) expect(name).toBe("arch");
    },
  );

  it("gives every agent the session's key and model, never a real key variable of the host", () => {
    for (const agent of agentCatalog) {
      const everything = [...Object.values(agent.env), ...Object.values(agent.homeFiles)].join("\n");
      expect(everything, agent.id).toContain("{{api_key}}");
      expect(everything, agent.id).toContain("{{model}}");
      expect(everything, agent.id).toContain("{{relay_url}}");
    }
  });
});
