import { resolve } from "node:path";
import { sandboxLimits } from "../app/create-app.js";
import { createProvider } from "../app/create-provider.js";
import type { Config } from "../config/config-schema.js";
import { errorMessage } from "../core/errors.js";
import type { AvailableLanguage } from "../runs/languages.js";
import { probeIsolation, type IsolationReport } from "../sandbox/isolation-probes.js";
import type { ProviderCapabilities } from "../sandbox/sandbox-port.js";

/** What starting the configured provider and probing its isolation found (`hangar doctor`, `hangar setup`). */
export interface ProviderProbe {
  provider: string;
  isolation?: IsolationReport;
  capabilities?: ProviderCapabilities;
  languages?: AvailableLanguage[];
  /** Why the provider could not be started or probed. */
  error?: string;
}

/**
 * Starts `config.sandbox.provider` as its own instance (a running server's sandboxes are
 * safe), runs the isolation probes and, when asked, detects its languages; always stops it.
 */
export async function probeProvider(
  config: Config,
  options: { instance: string; detectLanguages: boolean },
): Promise<ProviderProbe> {
  const dataDirectory = resolve(config.data_dir);
  const { provider, detectLanguages } = createProvider(config, {
    dataDirectory,
    limits: sandboxLimits(config),
    poolSize: 0,
    instance: options.instance,
  });
  try {
    await provider.start();
    const [isolation, languages] = await Promise.all([
      probeIsolation(provider, { dataDirectory }),
      options.detectLanguages ? detectLanguages() : Promise.resolve(undefined),
    ]);
    return {
      provider: provider.name,
      isolation,
      capabilities: provider.capabilities(),
      ...(languages === undefined ? {} : { languages }),
    };
  } catch (error) {
    return { provider: provider.name, error: errorMessage(error) };
  } finally {
    await provider.stop().catch(() => undefined);
  }
}
