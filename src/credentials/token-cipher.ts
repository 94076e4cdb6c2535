import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { HangarError } from "../core/errors.js";
import type { SecretKey } from "./secret-key.js";

/**
 * AES-256-GCM for one token. The stored bytes are `version | iv (12) | tag (16) | ciphertext`;
 * the key id is stored beside them. The credential's id is authenticated as associated data,
 * so a ciphertext copied onto another credential's row does not decrypt there.
 */
export interface SealedToken {
  keyId: string;
  ciphertext: Buffer;
}

const formatVersion = 1;
const ivBytes = 12;
const tagBytes = 16;
const headerBytes = 1 + ivBytes + tagBytes;

export function sealToken(key: SecretKey, token: string, credentialId: string): SealedToken {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(credentialId, "utf8"));
  const encrypted = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return {
    keyId: key.id,
    ciphertext: Buffer.concat([Buffer.of(formatVersion), iv, cipher.getAuthTag(), encrypted]),
  };
}

export interface OpenTokenContext {
  credentialId: string;
  /** For the error message. */
  credentialName: string;
  /** What the user can restore when the key is wrong: the key file's path, or the variable. */
  keyHint: string;
}

export function openToken(key: SecretKey, sealed: SealedToken, context: OpenTokenContext): string {
  if (sealed.keyId !== key.id) {
    throw new HangarError(
      "CONFIG_INVALID",
      `credential '${context.credentialName}' was encrypted with key ${sealed.keyId}, but the current key is ` +
        `${key.id} (${key.source}); set HANGAR_SECRET_KEY to the key it was stored with or restore ${context.keyHint}`,
      { field: "HANGAR_SECRET_KEY", details: { storedKeyId: sealed.keyId, currentKeyId: key.id } },
    );
  }
  const bytes = sealed.ciphertext;
  if (bytes.length < headerBytes || bytes[0] !== formatVersion) throw corrupt(context);
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, bytes.subarray(1, 1 + ivBytes), {
    authTagLength: tagBytes,
  });
  decipher.setAAD(Buffer.from(context.credentialId, "utf8"));
  decipher.setAuthTag(bytes.subarray(1 + ivBytes, headerBytes));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(headerBytes)), decipher.final()]).toString("utf8");
  } catch {
    // Same key id, failed authentication: the row was altered (or copied from another credential).
    throw corrupt(context);
  }
}

function corrupt(context: OpenTokenContext): HangarError {
  return new HangarError(
    "INTERNAL",
    `credential '${context.credentialName}' cannot be decrypted: its stored ciphertext is damaged or was altered; ` +
      "remove it and add it again",
  );
}
