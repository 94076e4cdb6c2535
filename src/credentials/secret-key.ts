import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { HangarError, errorMessage } from "../core/errors.js";

/**
 * The key that encrypts stored tokens: 32 random bytes, from `HANGAR_SECRET_KEY`
 * or a key file beside the database. Its id (a hash of the key, never the key)
 * is stored beside every ciphertext, so a token sealed with another key is
 * named as such instead of failing as "bad decrypt".
 */
export interface SecretKey {
  /** `k_` + 12 hex digits of a hash of the key; safe to show and log. */
  readonly id: string;
  readonly bytes: Buffer;
  /** Where it came from, for error messages: `HANGAR_SECRET_KEY` or the key file's path. */
  readonly source: string;
}

export const secretKeyVariable = "HANGAR_SECRET_KEY";
export const keyFileName = "secret.key";
/** A rotation's new key, durable before any token is re-encrypted with it (see key-rotation.ts). */
export const nextKeyFileName = "secret.key.next";

const keyBytes = 32;

export function keyIdOf(bytes: Buffer): string {
  return `k_${createHash("sha256").update("hangar credential key\0").update(bytes).digest("hex").slice(0, 12)}`;
}

/** 32 bytes as base64 (44 characters) or as 64 hex digits; anything else names `source`. */
export function parseSecretKey(text: string, source: string): SecretKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
  else if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) bytes = Buffer.from(trimmed, "base64");
  if (bytes?.length !== keyBytes) {
    throw new HangarError(
      "CONFIG_INVALID",
      `${source} must be 32 bytes written as base64 (44 characters) or as 64 hex digits ` +
        "(make one with `openssl rand -base64 32`)",
      { field: source },
    );
  }
  return { id: keyIdOf(bytes), bytes, source };
}

export function generateSecretKey(source: string): SecretKey {
  const bytes = randomBytes(keyBytes);
  return { id: keyIdOf(bytes), bytes, source };
}

/** How a key file holds its key: base64 and a newline, so `HANGAR_SECRET_KEY=$(cat secret.key)` works. */
export function keyFileText(key: SecretKey): string {
  return `${key.bytes.toString("base64")}\n`;
}

const keyFileSizes = new Set([44, 45]);

/**
 * Reads a key file, refusing one others could read (mode wider than 0600) or
 * of the wrong size: either means it is not the file Hangar wrote.
 */
export function readKeyFile(path: string): SecretKey {
  let descriptor: number;
  try {
    descriptor = openSync(path, "r");
  } catch (error) {
    throw new HangarError("CONFIG_INVALID", `cannot read the key file ${path}: ${errorMessage(error)}`, {
      field: "data_dir",
      cause: error,
    });
  }
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) {
      throw new HangarError("CONFIG_INVALID", `the key file ${path} is not a regular file`, {
        field: "data_dir",
      });
    }
    if ((stat.mode & 0o077) !== 0) {
      throw new HangarError(
        "CONFIG_INVALID",
        `the key file ${path} has mode ${(stat.mode & 0o777).toString(8).padStart(4, "0")}: others may ` +
          `have read it; refusing to use it (chmod 600 it if nobody else could, else rotate the key)`,
        { field: "data_dir" },
      );
    }
    if (!keyFileSizes.has(stat.size)) {
      throw new HangarError(
        "CONFIG_INVALID",
        `the key file ${path} has ${stat.size} bytes, not the 44 of a base64 key (and a newline): ` +
          "it is not a key Hangar wrote; restore it from a backup",
        { field: "data_dir" },
      );
    }
    return parseSecretKey(readFileSync(descriptor, "utf8"), path);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Writes `key` to `path` so it is either absent or complete and durable: a
 * temporary file (mode 0600 from its creation), fsynced, then linked into
 * place. `replace` decides between rename (overwrite) and link, which fails
 * when another process created the file first — then the caller reads theirs.
 */
export function writeKeyFile(path: string, key: SecretKey, replace: boolean): boolean {
  const temporary = join(dirname(path), `.${keyFileName}.${process.pid}.${randomBytes(4).toString("hex")}`);
  const descriptor = openSync(temporary, "wx", 0o600);
  try {
    writeSync(descriptor, keyFileText(key));
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  try {
    if (replace) renameSync(temporary, path);
    else {
      try {
        linkSync(temporary, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
      }
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  syncDirectory(dirname(path));
  return true;
}

/** A rename or link is durable only once its directory is. */
export function syncDirectory(directory: string): void {
  const descriptor = openSync(directory, "r");
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

export interface LoadSecretKeyOptions {
  dataDirectory: string;
  /** The value of HANGAR_SECRET_KEY, when set. */
  environmentValue?: string | undefined;
}

/**
 * The current key: HANGAR_SECRET_KEY when set (nothing is written to disk),
 * else `<data_dir>/secret.key`, generated on first use.
 */
export function loadSecretKey(options: LoadSecretKeyOptions): SecretKey {
  if (options.environmentValue !== undefined)
    return parseSecretKey(options.environmentValue, secretKeyVariable);
  const path = join(resolve(options.dataDirectory), keyFileName);
  try {
    return readKeyFile(path);
  } catch (error) {
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code !== "ENOENT") throw error;
  }
  // Two processes starting at once: link() lets exactly one key win; the other reads it.
  if (!writeKeyFile(path, generateSecretKey(path), false)) return readKeyFile(path);
  return readKeyFile(path);
}
