import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { loadConfig, maskSecrets } from "./load-config.js";

function directoryWith(toml: string): string {
  const directory = mkdtempSync(join(tmpdir(), "hangar-config-"));
  writeFileSync(join(directory, "hangar.toml"), toml);
  return directory;
}

describe("loadConfig", () => {
  it("works with no configuration at all", () => {
    const config = loadConfig({ environment: {}, workingDirectory: tmpdir() });
    expect(config.server.port).toBe(8087);
    expect(config.server.host).toBe("127.0.0.1");
    expect(config.sandbox.provider).toBe("bwrap");
    expect(config.runs.default_timeout_ms).toBeLessThanOrEqual(config.runs.max_timeout_ms);
  });

  it("layers defaults < toml < environment < flags", () => {
    const directory = directoryWith('[server]\nport = 9000\nhost = "127.0.0.2"\n[log]\nlevel = "warn"\n');
    const fromFile = loadConfig({ environment: {}, workingDirectory: directory });
    expect(fromFile.server.port).toBe(9000);
    const fromEnvironment = loadConfig({ environment: { PORT: "9100" }, workingDirectory: directory });
    expect(fromEnvironment.server.port).toBe(9100);
    expect(fromEnvironment.server.host).toBe("127.0.0.2");
    const fromFlags = loadConfig({
      environment: { PORT: "9100" },
      workingDirectory: directory,
      flags: { server: { port: 9200 } },
    });
    expect(fromFlags.server.port).toBe(9200);
    expect(fromFlags.log.level).toBe("warn");
  });

  it("names the key and the problem when a value is wrong", () => {
    const directory = directoryWith("[server]\nport = 70000\n");
    expect(() => loadConfig({ environment: {}, workingDirectory: directory })).toThrow(/server\.port/);
    try {
      loadConfig({ environment: {}, workingDirectory: directory });
    } catch (error) {
      expect(error).toBeInstanceOf(HangarError);
      expect((error as HangarError).field).toBe("server.port");
    }
  });

  it("reads agents.directory and refuses an empty one by name", () => {
    const directory = directoryWith('[agents]\ndirectory = "/srv/hangar-agents"\n');
    expect(loadConfig({ environment: {}, workingDirectory: directory }).agents.directory).toBe(
      "/srv/hangar-agents",
    );
    const empty = directoryWith('[agents]\ndirectory = ""\n');
    expect(() => loadConfig({ environment: {}, workingDirectory: empty })).toThrow(/agents\.directory/);
  });

  it("rejects unknown keys by name", () => {
    const directory = directoryWith("[runs]\ntimeout_typo = 5\n");
    expect(() => loadConfig({ environment: {}, workingDirectory: directory })).toThrow(/timeout_typo/);
  });

  it("rejects a non-numeric PORT naming PORT, the variable the user set", () => {
    expect(() => loadConfig({ environment: { PORT: "eighty" }, workingDirectory: tmpdir() })).toThrow(
      /PORT="eighty": Invalid input: expected number, received string/,
    );
  });

  it("reports toml syntax errors and a missing --config file", () => {
    const directory = directoryWith("[server\nport = 1");
    expect(() => loadConfig({ environment: {}, workingDirectory: directory })).toThrow(/cannot read/);
    expect(() => loadConfig({ environment: {}, configPath: "/nonexistent/hangar.toml" })).toThrow(
      /does not exist/,
    );
  });

  it("reads API keys from the environment and masks them", () => {
    const config = loadConfig({
      environment: { HANGAR_API_KEYS: "0123456789abcdef0123:alice,fedcba9876543210fedc:bob:admin" },
      workingDirectory: tmpdir(),
    });
    expect(config.server.api_keys).toEqual([
      { key: "0123456789abcdef0123", owner: "alice", admin: false },
      { key: "fedcba9876543210fedc", owner: "bob", admin: true },
    ]);
    const printed = JSON.stringify(maskSecrets(config));
    expect(printed).not.toContain("0123456789abcdef0123");
    expect(printed).toContain("0123****");
  });

  it("denies all egress by default and checks each allow entry by name", () => {
    const defaults = loadConfig({ environment: {}, workingDirectory: tmpdir() });
    expect(defaults.sandboxes.egress).toEqual({ allow: [], allow_loopback_for_tests: false });
    const listed = directoryWith('[sandboxes.egress]\nallow = ["api.github.com", "*.example.com"]\n');
    const config = loadConfig({ environment: {}, workingDirectory: listed });
    expect(config.sandboxes.egress.allow).toEqual(["api.github.com", "*.example.com"]);
    const wrong = directoryWith('[sandboxes.egress]\nallow = ["https://api.github.com/"]\n');
    expect(() => loadConfig({ environment: {}, workingDirectory: wrong })).toThrow(
      /sandboxes\.egress\.allow/,
    );
  });

  it("refuses a default timeout above the maximum", () => {
    expect(() =>
      loadConfig({
        environment: {},
        workingDirectory: tmpdir(),
        flags: { runs: { default_timeout_ms: 5000, max_timeout_ms: 1000 } },
      }),
    ).toThrow(/runs\.default_timeout_ms/);
  });
});
