import type { Config } from "../config/config-schema.js";
import { errorMessage } from "../core/errors.js";
import { kernelImageLabel } from "../images/image-recipe.js";
import { kernelDirectory, kernelScriptsHash } from "../runs/kernel-client.js";
import {
  detectLanguages,
  detectLanguagesInSandbox,
  toolchainMounts,
  type AvailableLanguage,
} from "../runs/languages.js";
import { kernelMountPoint } from "../runs/notebooks.js";
import { BwrapProvider } from "../sandbox/bwrap/bwrap-provider.js";
import { DockerProvider } from "../sandbox/docker/docker-provider.js";
import type { SandboxLimits, SandboxProvider } from "../sandbox/sandbox-port.js";

/** What the server reports about its provider (`/status`, metrics), whichever it is. */
export interface ProviderStats {
  /** Sandboxes handed out and not destroyed yet. */
  readonly activeCount: number;
  /** Pre-started single-use sandboxes waiting for a run. */
  readonly poolReady: number;
}

export interface ServerProvider extends SandboxProvider, ProviderStats {}

export interface ProviderSetup {
  provider: ServerProvider;
  /** The languages this provider's sandboxes can run, with their versions; call after `start()`. */
  detectLanguages: () => Promise<AvailableLanguage[]>;
}

export interface CreateProviderOptions {
  dataDirectory: string;
  limits: SandboxLimits;
  /** Pre-started single-use sandboxes; the config's pool size by default. */
  poolSize?: number;
  /** A one-off command's own instance, so it never reaps a running server's sandboxes. */
  instance?: string;
  onError?: (message: string) => void;
}

/**
 * Builds the configured sandbox provider (`sandbox.provider`, env HANGAR_PROVIDER).
 * Nothing is started here: `provider.start()` checks the prerequisites (bwrap on
 * this host; for Docker the engine at DOCKER_HOST and the image, failing with
 * ENGINE_UNAVAILABLE or an error naming the image and `hangar image build`).
 */
export function createProvider(config: Config, options: CreateProviderOptions): ProviderSetup {
  const common = {
    dataDirectory: options.dataDirectory,
    poolSize: options.poolSize ?? config.sandbox.pool_size,
    poolLimits: options.limits,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  };
  if (config.sandbox.provider === "docker") {
    // The image carries the kernels (`hangar image build` copies them to kernelMountPoint).
    const provider = new DockerProvider({
      ...common,
      defaultImage: config.sandbox.docker.image,
      requiredImageLabels: { [kernelImageLabel]: kernelScriptsHash() },
    });
    return { provider, detectLanguages: () => detectInImage(provider, options.limits, options.onError) };
  }
  const mounts = toolchainMounts();
  const provider = new BwrapProvider({
    ...common,
    mounts: [{ source: kernelDirectory(), target: kernelMountPoint }, ...mounts],
  });
  return { provider, detectLanguages: () => detectLanguages(mounts) };
}

/** One short-lived sandbox of the image answers for the image: its toolchains, its versions. */
async function detectInImage(
  provider: SandboxProvider,
  limits: SandboxLimits,
  onError?: (message: string) => void,
): Promise<AvailableLanguage[]> {
  const sandbox = await provider.create({
    owner: "hangar",
    limits,
    singleUse: true,
    labels: { "hangar.purpose": "language-probe" },
  });
  try {
    return await detectLanguagesInSandbox(sandbox);
  } finally {
    await sandbox.destroy().catch((error: unknown) => onError?.(`language probe: ${errorMessage(error)}`));
  }
}
