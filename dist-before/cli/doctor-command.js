import { resolve } from "node:path";
import { Command } from "commander";
import { errorMessage } from "../core/errors.js";
import { sandboxLimits } from "../app/create-app.js";
import { createProvider } from "../app/create-provider.js";
import { providerRegistry } from "../app/provider-registry.js";
import { probeIsolation } from "../sandbox/isolation-probes.js";
import { withCommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
import { withOneOffDataDirectory } from "./one-off-data-directory.js";
/** Probes the sandbox for real and says exactly what is and is not enforced on this host. */
export function doctorCommand() {
    return withCommonOptions(new Command("doctor"))
        .description("check that sandbox isolation holds on this host, and which limits are enforced")
        .option("--json", "print JSON")
        .action(async (options) => {
        await withOneOffDataDirectory(configFromFlags(options), (config) => doctor(config, options));
    });
}
async function doctor(config, options) {
    const dataDirectory = resolve(config.data_dir);
    // The configured provider, as its own instance: a running server's sandboxes are safe.
    const { provider, detectLanguages } = createProvider(config, {
        dataDirectory,
        limits: sandboxLimits(config),
        poolSize: 0,
        instance: `doctor-${process.pid}`,
    });
    const lines = [];
    let ok = false;
    let report;
    try {
        await provider.start();
        const [isolation, languages] = await Promise.all([
            probeIsolation(provider, { dataDirectory }),
            detectLanguages(),
        ]);
        const capabilities = provider.capabilities();
        ok = isolation.ok;
        report = {
            provider: provider.name,
            ok,
            isolation,
            capabilities,
            languages: languages.map((l) => l.name),
        };
        lines.push(`provider: ${provider.name}`);
        for (const probe of isolation.probes)
            lines.push(`${probe.ok ? "✓" : "✗"} ${probe.name}: ${probe.detail}`);
        lines.push("enforced limits:");
        for (const [name, enforced] of Object.entries(isolation.enforced)) {
            lines.push(`  ${enforced ? "✓" : "✗"} ${name.replaceAll("_", " ")}`);
        }
        for (const note of capabilities.notes)
            lines.push(`note: ${note}`);
        lines.push(`languages: ${languages.map((language) => `${language.name} ${language.versionText}`).join(", ")}`);
        lines.push(ok
            ? "isolation holds: Hangar will run untrusted code"
            : "isolation LEAKS: the server will refuse to run code");
    }
    catch (error) {
        report = { provider: provider.name, ok: false, error: errorMessage(error) };
        lines.push(`✗ ${provider.name}: ${errorMessage(error)}`);
    }
    finally {
        await provider.stop().catch(() => undefined);
    }
    // Every provider with host prerequisites says whether they hold, configured or not.
    const hosts = {};
    for (const registration of providerRegistry.registrations) {
        if (!registration.hostStatus)
            continue;
        const status = await registration.hostStatus(config);
        lines.push(`${registration.name}: ${status.ok ? "✓" : "✗"} ${status.detail}`);
        hosts[registration.name] = status;
    }
    report = { ...report, ...hosts };
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${lines.join("\n")}\n`);
    process.exitCode = ok ? 0 : 1;
}
//# sourceMappingURL=doctor-command.js.map