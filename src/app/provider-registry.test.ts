import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/load-config.js";
import { HangarError } from "../core/errors.js";
import { FakeSandboxProvider } from "../../test/fixtures/fake-sandbox-provider.js";
import { createProvider } from "./create-provider.js";
import type { ProviderRegistration } from "./provider-registration.js";
import { ProviderRegistry, providerRegistry } from "./provider-registry.js";

const options = {
  dataDirectory: "/nonexistent/hangar-registry-test",
  limits: { memoryBytes: 1, pids: 8, cpuCores: 1, workspaceBytes: 1, tmpBytes: 1 },
};

/** What `action` threw: a registry lookup fails synchronously. */
function thrownBy(action: () => unknown): HangarError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(HangarError);
  return thrown as HangarError;
}

describe("the provider registry", () => {
  it("registers the providers Hangar ships", () => {
    expect(providerRegistry.names).toEqual(["bwrap", "docker"]);
    expect(providerRegistry.find("docker")).toHaveProperty("hostStatus");
  });

  it("refuses an unknown sandbox.provider, naming the field and the registered providers", () => {
    // The schema takes any name: only the registry knows which exist.
    const config = parseConfig({ sandbox: { provider: "kubernetes" } });
    const error = thrownBy(() => createProvider(config, options));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.field).toBe("sandbox.provider");
    expect(error.message).toContain('"kubernetes"');
    expect(error.message).toContain("sandbox.provider must be one of: bwrap, docker");
  });

  it("builds the configured provider without starting it", () => {
    const { provider } = createProvider(parseConfig({ sandbox: { provider: "docker" } }), options);
    expect(provider.name).toBe("docker");
    expect(provider.images?.defaultImage).toBe("hangar-sandbox:latest");
    expect(createProvider(parseConfig({}), options).provider.name).toBe("bwrap");
  });

  it("takes a third provider as one registration", () => {
    const remote: ProviderRegistration = {
      name: "remote",
      create: () => ({
        provider: Object.assign(new FakeSandboxProvider("remote"), { activeCount: 0, poolReady: 0 }),
        detectLanguages: async () => [],
      }),
    };
    const registry = new ProviderRegistry([...providerRegistry.registrations, remote]);
    expect(registry.find("remote").create(parseConfig({}), options).provider.name).toBe("remote");
    expect(thrownBy(() => registry.find("nope")).message).toContain("one of: bwrap, docker, remote");
    expect(() => new ProviderRegistry([remote, remote])).toThrow(/registered twice/);
  });
});
