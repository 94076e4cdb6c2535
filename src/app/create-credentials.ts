import { resolve } from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import { environmentVariable } from "../config/load-config.js";
import type { CredentialRecords } from "../credentials/credential-records.js";
import { CredentialService } from "../credentials/credential-service.js";
import { finishInterruptedRotation, keyFilePath } from "../credentials/key-rotation.js";
import { openRedisCredentialRecords } from "../credentials/redis-credential-repository.js";
import { loadSecretKey, secretKeyVariable, type SecretKey } from "../credentials/secret-key.js";
import type { Store } from "../store/create-store.js";

export interface CredentialServices {
  service: CredentialService;
  records: CredentialRecords;
  key: SecretKey;
  /** Closes the Redis connection (the SQLite records belong to the Store). */
  close(): Promise<void>;
}

export interface CreateCredentialsOptions {
  config: Config;
  store: Store;
  logger?: Logger;
  environment?: NodeJS.ProcessEnv;
}

/** The records `[credentials] store` names: the Store's SQLite table, or a Redis connection. */
export async function openCredentialRecords(
  config: Config,
  store: Store,
  logger?: Logger,
): Promise<CredentialRecords> {
  if (config.credentials.store === "sqlite") return store.credentials;
  return openRedisCredentialRecords({
    url: config.credentials.redis_url!,
    keyPrefix: config.credentials.key_prefix,
    onError: (message) => logger?.warn(message),
  });
}

/**
 * The credential store: records, the key (HANGAR_SECRET_KEY or `<data_dir>/secret.key`,
 * after finishing or discarding a rotation a crash interrupted) and the service.
 */
export async function createCredentials(options: CreateCredentialsOptions): Promise<CredentialServices> {
  const { config, logger } = options;
  const dataDirectory = resolve(config.data_dir);
  const records = await openCredentialRecords(config, options.store, logger);
  try {
    const environmentValue = environmentVariable(secretKeyVariable, options.environment);
    if (environmentValue === undefined) {
      const recovery = await finishInterruptedRotation(dataDirectory, records);
      if (recovery === "completed")
        logger?.warn("finished a key rotation that was interrupted: secret.key.next is now secret.key");
      if (recovery === "discarded")
        logger?.warn(
          "discarded an interrupted key rotation: no token had been re-encrypted, the old key stays",
        );
    }
    const key = loadSecretKey({ dataDirectory, environmentValue });
    const service = new CredentialService({ records, key, keyHint: keyFilePath(dataDirectory) });
    const unreadable = await service.countUnreadable();
    if (unreadable > 0) {
      logger?.warn(
        `${unreadable} stored credential(s) were encrypted with another key than the current ${key.id}: ` +
          "they cannot be used until HANGAR_SECRET_KEY or secret.key is the key they were stored with",
      );
    }
    return { service, records, key, close: () => records.close() };
  } catch (error) {
    await records.close();
    throw error;
  }
}
