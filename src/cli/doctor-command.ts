import { Command } from "commander";
import { providerRegistry } from "../app/provider-registry.js";
import { probeProvider } from "./provider-probe.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
import { withOneOffDataDirectory } from "./one-off-data-directory.js";
import type { Config } from "../config/config-schema.js";

/** Probes the sandbox for real and says exactly what is and is not enforced on this host. */
export function doctorCommand(): Command {
  return withCommonOptions(new Command("doctor"))
    .description("check that sandbox isolation holds on this host, and which limits are enforced")
    .option("--json", "print JSON")
    .action(async (options: CommonOptions & { json?: boolean }) => {
      await withOneOffDataDirectory(configFromFlags(options), (config) => doctor(config, options));
    });
}

async function doctor(config: Config, options: { json?: boolean }): Promise<void> {
  const probe = await probeProvider(config, { instance: `doctor-${process.pid}`, detectLanguages: true });
  const lines: string[] = [];
  const ok = probe.isolation?.ok ?? false;
  let report: unknown;
  if (probe.isolation === undefined || probe.capabilities === undefined) {
    report = { provider: probe.provider, ok: false, error: probe.error };
    lines.push(`✗ ${probe.provider}: ${probe.error ?? "not probed"}`);
  } else {
    const { isolation, capabilities } = probe;
    const languages = probe.languages ?? [];
    report = {
      provider: probe.provider,
      ok,
      isolation,
      capabilities,
      languages: languages.map((l) => l.name),
    };
    lines.push(`provider: ${probe.provider}`);
    for (const result of isolation.probes)
      lines.push(`${result.ok ? "✓" : "✗"} ${result.name}: ${result.detail}`);
    lines.push("enforced limits:");
    for (const [name, enforced] of Object.entries(isolation.enforced)) {
      lines.push(`  ${enforced ? "✓" : "✗"} ${name.replaceAll("_", " ")}`);
    }
    for (const note of capabilities.notes) lines.push(`note: ${note}`);
    lines.push(
      `languages: ${languages.map((language) => `${language.name} ${language.versionText}`).join(", ")}`,
    );
    lines.push(
      ok
        ? "isolation holds: Hangar will run untrusted code"
        : "isolation LEAKS: the server will refuse to run code",
    );
  }
  // Every provider with host prerequisites says whether they hold, configured or not.
  const hosts: Record<string, unknown> = {};
  for (const registration of providerRegistry.registrations) {
    if (!registration.hostStatus) continue;
    const status = await registration.hostStatus(config);
    lines.push(`${registration.name}: ${status.ok ? "✓" : "✗"} ${status.detail}`);
    hosts[registration.name] = status;
  }
  report = { ...(report as object), ...hosts };
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${lines.join("\n")}\n`);
  process.exitCode = ok ? 0 : 1;
}
