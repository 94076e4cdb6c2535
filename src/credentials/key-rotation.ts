import { existsSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { HangarError } from "../core/errors.js";
import type { CiphertextUpdate, CredentialRecords } from "./credential-records.js";
import {
  generateSecretKey,
  keyFileName,
  nextKeyFileName,
  readKeyFile,
  syncDirectory,
  writeKeyFile,
  type SecretKey,
} from "./secret-key.js";
import { openToken, sealToken } from "./token-cipher.js";

/**
 * Key rotation, ordered so a crash at any point loses nothing:
 *
 *   1. every token is decrypted with the current key (nothing is written if one cannot be);
 *   2. the new key is written and fsynced as `secret.key.next`;
 *   3. every ciphertext is replaced, tagged with the new key id, in ONE transaction;
 *   4. `secret.key.next` is renamed over `secret.key` (and the directory fsynced).
 *
 * A crash before 3 commits leaves the old key current and the tokens sealed
 * with it; a crash after leaves the tokens sealed with the key in `.next`.
 * `finishInterruptedRotation` (run at every start, before the key is loaded)
 * tells the two apart by the key ids stored in the rows and either completes
 * step 4 or deletes the unused `.next`.
 */
export type RotationRecovery = "none" | "completed" | "discarded";

export function keyFilePath(dataDirectory: string): string {
  return join(resolve(dataDirectory), keyFileName);
}

export function nextKeyFilePath(dataDirectory: string): string {
  return join(resolve(dataDirectory), nextKeyFileName);
}

export async function finishInterruptedRotation(
  dataDirectory: string,
  records: CredentialRecords,
): Promise<RotationRecovery> {
  const nextPath = nextKeyFilePath(dataDirectory);
  if (!existsSync(nextPath)) return "none";
  const next = readKeyFile(nextPath);
  const rows = await records.listAll();
  if (rows.some((row) => row.keyId === next.id)) {
    // The re-encryption committed: the tokens need the new key, so it becomes current.
    renameSync(nextPath, keyFilePath(dataDirectory));
    syncDirectory(resolve(dataDirectory));
    return "completed";
  }
  // Nothing was re-encrypted with it (a crash before the commit): the old key stays.
  rmSync(nextPath);
  syncDirectory(resolve(dataDirectory));
  return "discarded";
}

export interface RotateKeyOptions {
  dataDirectory: string;
  records: CredentialRecords;
  /** The key the tokens are sealed with now. */
  currentKey: SecretKey;
  /** With HANGAR_SECRET_KEY: the new key (from `--new-key-env`); nothing is written to disk. Else one is generated into the key file. */
  newKey?: SecretKey;
}

export interface RotationResult {
  previousKeyId: string;
  keyId: string;
  reencrypted: number;
  /** The key file written, when the key lives in one. */
  keyFile?: string;
}

export async function rotateKey(options: RotateKeyOptions): Promise<RotationResult> {
  const { currentKey, records } = options;
  const isFileKey = options.newKey === undefined;
  const newKey = options.newKey ?? generateSecretKey(keyFilePath(options.dataDirectory));
  if (newKey.id === currentKey.id) {
    throw new HangarError("VALIDATION_FAILED", `the new key is the current key (${currentKey.id})`, {
      field: "new-key-env",
    });
  }
  const rows = await records.listAll();
  const keyHint = keyFilePath(options.dataDirectory);
  // 1. Decrypt everything first: a token the current key cannot open stops the rotation before any write.
  const updates: CiphertextUpdate[] = rows.map((row) => {
    const token = openToken(
      currentKey,
      { keyId: row.keyId, ciphertext: row.ciphertext },
      { credentialId: row.id, credentialName: row.name, keyHint },
    );
    const sealed = sealToken(newKey, token, row.id);
    return { id: row.id, previousKeyId: row.keyId, keyId: sealed.keyId, ciphertext: sealed.ciphertext };
  });
  const nextPath = nextKeyFilePath(options.dataDirectory);
  // 2. The new key is durable before any token depends on it.
  if (isFileKey) writeKeyFile(nextPath, newKey, true);
  // 3. One transaction: every row or none.
  const changed = await records.replaceCiphertexts(updates);
  if (changed !== updates.length) {
    throw new HangarError(
      "CONFLICT",
      `re-encrypted ${changed} of ${updates.length} credentials: the store changed during the rotation ` +
        `(is another Hangar using it?). ${isFileKey ? `${nextPath} holds the new key; the next start finishes or discards the rotation.` : ""}`,
    );
  }
  // 4. The new key becomes current.
  if (isFileKey) {
    renameSync(nextPath, keyFilePath(options.dataDirectory));
    syncDirectory(resolve(options.dataDirectory));
  }
  return {
    previousKeyId: currentKey.id,
    keyId: newKey.id,
    reencrypted: changed,
    ...(isFileKey ? { keyFile: keyFilePath(options.dataDirectory) } : {}),
  };
}
