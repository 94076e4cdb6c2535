import type { CredentialKind, ProxyGrant } from "./credentials.js";

/**
 * The credential store's records port: raw rows, the token only as ciphertext.
 * The service (credential-service.ts) validates, encrypts and decrypts; the
 * adapters (SQLite in store/, Redis here) only keep rows and their invariants:
 * a name is unique per owner, even under concurrent adds.
 */
export interface CredentialRecord {
  id: string;
  owner: string;
  name: string;
  kind: CredentialKind;
  baseUrl?: string;
  /** The id of the key `ciphertext` was sealed with. */
  keyId: string;
  ciphertext: Buffer;
  createdAt: number;
}

/** Re-encrypted bytes for one credential, written only where its key id is still `previousKeyId`. */
export interface CiphertextUpdate {
  id: string;
  previousKeyId: string;
  keyId: string;
  ciphertext: Buffer;
}

export interface CredentialRecords {
  /** Stores the credential and its first grant together; false (nothing stored) when the owner already has the name. */
  insert(record: CredentialRecord, firstGrant: ProxyGrant): Promise<boolean>;
  /** By owner and name, or by owner and id. */
  find(owner: string, nameOrId: string): Promise<CredentialRecord | undefined>;
  findById(id: string): Promise<CredentialRecord | undefined>;
  /** The owner's credentials, by name. */
  list(owner: string): Promise<CredentialRecord[]>;
  /** Every owner's credentials (key rotation). */
  listAll(): Promise<CredentialRecord[]>;
  /** Removes the owner's credential and all its grants; false when there was none. */
  remove(owner: string, id: string): Promise<boolean>;
  /** False when the credential is gone (removed meanwhile). */
  insertGrant(grant: ProxyGrant): Promise<boolean>;
  findGrant(id: string): Promise<ProxyGrant | undefined>;
  /** The owner's grants, oldest first; one credential's with `credentialId`. */
  listGrants(owner: string, credentialId?: string): Promise<ProxyGrant[]>;
  /** Sets revokedAt unless already set; false when the grant is not the owner's. */
  revokeGrant(owner: string, id: string, revokedAt: number): Promise<boolean>;
  /** All or nothing (one transaction); returns how many rows changed. */
  replaceCiphertexts(updates: readonly CiphertextUpdate[]): Promise<number>;
  /** Releases connections (Redis); the SQLite adapter's database belongs to the Store. */
  close(): Promise<void>;
}
