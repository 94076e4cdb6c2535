import type BetterSqlite3 from "better-sqlite3";
import type {
  CiphertextUpdate,
  CredentialRecord,
  CredentialRecords,
} from "../credentials/credential-records.js";
import type { CredentialKind, ProxyGrant } from "../credentials/credentials.js";
import type { Database } from "./open-database.js";

interface CredentialRow {
  id: string;
  owner: string;
  name: string;
  kind: CredentialKind;
  base_url: string | null;
  key_id: string;
  ciphertext: Buffer;
  created_at: number;
}

interface GrantRow {
  id: string;
  credential_id: string;
  owner: string;
  expires_at: number | null;
  allowed_path_prefixes: string;
  allowed_methods: string;
  session_id: string | null;
  revoked_at: number | null;
  created_at: number;
}

/** The credential store's records in the embedded SQLite database (migration 8). */
export class SqliteCredentialRepository implements CredentialRecords {
  readonly #insert: BetterSqlite3.Statement<[Record<string, unknown>]>;
  readonly #insertGrant: BetterSqlite3.Statement<[Record<string, unknown>]>;
  readonly #findByName: BetterSqlite3.Statement<[string, string], CredentialRow>;
  readonly #findOwned: BetterSqlite3.Statement<[string, string], CredentialRow>;
  readonly #findById: BetterSqlite3.Statement<[string], CredentialRow>;
  readonly #list: BetterSqlite3.Statement<[string], CredentialRow>;
  readonly #listAll: BetterSqlite3.Statement<[], CredentialRow>;
  readonly #remove: BetterSqlite3.Statement<[string, string]>;
  readonly #removeGrants: BetterSqlite3.Statement<[string]>;
  readonly #findGrant: BetterSqlite3.Statement<[string], GrantRow>;
  readonly #listGrants: BetterSqlite3.Statement<[string], GrantRow>;
  readonly #listGrantsOf: BetterSqlite3.Statement<[string, string], GrantRow>;
  readonly #revoke: BetterSqlite3.Statement<[number, string, string]>;
  readonly #isGrantOwned: BetterSqlite3.Statement<[string, string], { id: string }>;
  readonly #replaceCiphertext: BetterSqlite3.Statement<[string, Buffer, string, string]>;
  readonly #addWithGrant: (record: CredentialRecord, grant: ProxyGrant) => boolean;
  readonly #removeWithGrants: (owner: string, id: string) => boolean;
  readonly #replaceAll: (updates: readonly CiphertextUpdate[]) => number;

  constructor(database: Database) {
    this.#insert = database.prepare(`INSERT INTO credentials (id, owner, name, kind, base_url, key_id,
        ciphertext, created_at)
      VALUES (@id, @owner, @name, @kind, @baseUrl, @keyId, @ciphertext, @createdAt)
      ON CONFLICT (owner, name) DO NOTHING`);
    this.#insertGrant = database.prepare(`INSERT INTO proxy_grants (id, credential_id, owner, expires_at,
        allowed_path_prefixes, allowed_methods, session_id, revoked_at, created_at)
      SELECT @id, @credentialId, @owner, @expiresAt, @allowedPathPrefixes, @allowedMethods, @sessionId,
        @revokedAt, @createdAt
      WHERE EXISTS (SELECT 1 FROM credentials WHERE id = @credentialId AND owner = @owner)`);
    this.#findByName = database.prepare("SELECT * FROM credentials WHERE owner = ? AND name = ?");
    this.#findOwned = database.prepare("SELECT * FROM credentials WHERE owner = ? AND id = ?");
    this.#findById = database.prepare("SELECT * FROM credentials WHERE id = ?");
    this.#list = database.prepare("SELECT * FROM credentials WHERE owner = ? ORDER BY name");
    this.#listAll = database.prepare("SELECT * FROM credentials ORDER BY owner, name");
    this.#remove = database.prepare("DELETE FROM credentials WHERE owner = ? AND id = ?");
    this.#removeGrants = database.prepare("DELETE FROM proxy_grants WHERE credential_id = ?");
    this.#findGrant = database.prepare("SELECT * FROM proxy_grants WHERE id = ?");
    this.#listGrants = database.prepare(
      "SELECT * FROM proxy_grants WHERE owner = ? ORDER BY created_at, rowid",
    );
    this.#listGrantsOf = database.prepare(
      "SELECT * FROM proxy_grants WHERE owner = ? AND credential_id = ? ORDER BY created_at, rowid",
    );
    this.#revoke = database.prepare(
      "UPDATE proxy_grants SET revoked_at = coalesce(revoked_at, ?) WHERE owner = ? AND id = ?",
    );
    this.#isGrantOwned = database.prepare("SELECT id FROM proxy_grants WHERE owner = ? AND id = ?");
    this.#replaceCiphertext = database.prepare(
      "UPDATE credentials SET key_id = ?, ciphertext = ? WHERE id = ? AND key_id = ?",
    );
    this.#addWithGrant = database.transaction((record: CredentialRecord, grant: ProxyGrant) => {
      if (this.#insert.run(credentialParameters(record)).changes === 0) return false;
      this.#insertGrant.run(grantParameters(grant));
      return true;
    });
    this.#removeWithGrants = database.transaction((owner: string, id: string) => {
      if (this.#findOwned.get(owner, id) === undefined) return false;
      this.#removeGrants.run(id);
      return this.#remove.run(owner, id).changes > 0;
    });
    this.#replaceAll = database.transaction((updates: readonly CiphertextUpdate[]) => {
      let changed = 0;
      for (const update of updates) {
        changed += this.#replaceCiphertext.run(
          update.keyId,
          update.ciphertext,
          update.id,
          update.previousKeyId,
        ).changes;
      }
      return changed;
    });
  }

  async insert(record: CredentialRecord, firstGrant: ProxyGrant): Promise<boolean> {
    return this.#addWithGrant(record, firstGrant);
  }

  async find(owner: string, nameOrId: string): Promise<CredentialRecord | undefined> {
    const row = this.#findByName.get(owner, nameOrId) ?? this.#findOwned.get(owner, nameOrId);
    return row === undefined ? undefined : toRecord(row);
  }

  async findById(id: string): Promise<CredentialRecord | undefined> {
    const row = this.#findById.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  async list(owner: string): Promise<CredentialRecord[]> {
    return this.#list.all(owner).map(toRecord);
  }

  async listAll(): Promise<CredentialRecord[]> {
    return this.#listAll.all().map(toRecord);
  }

  async remove(owner: string, id: string): Promise<boolean> {
    return this.#removeWithGrants(owner, id);
  }

  async insertGrant(grant: ProxyGrant): Promise<boolean> {
    return this.#insertGrant.run(grantParameters(grant)).changes > 0;
  }

  async findGrant(id: string): Promise<ProxyGrant | undefined> {
    const row = this.#findGrant.get(id);
    return row === undefined ? undefined : toGrant(row);
  }

  async listGrants(owner: string, credentialId?: string): Promise<ProxyGrant[]> {
    const rows =
      credentialId === undefined ? this.#listGrants.all(owner) : this.#listGrantsOf.all(owner, credentialId);
    return rows.map(toGrant);
  }

  async revokeGrant(owner: string, id: string, revokedAt: number): Promise<boolean> {
    this.#revoke.run(revokedAt, owner, id);
    return this.#isGrantOwned.get(owner, id) !== undefined;
  }

  async replaceCiphertexts(updates: readonly CiphertextUpdate[]): Promise<number> {
    return this.#replaceAll(updates);
  }

  async close(): Promise<void> {}
}

function credentialParameters(record: CredentialRecord): Record<string, unknown> {
  return {
    id: record.id,
    owner: record.owner,
    name: record.name,
    kind: record.kind,
    baseUrl: record.baseUrl ?? null,
    keyId: record.keyId,
    ciphertext: record.ciphertext,
    createdAt: record.createdAt,
  };
}

function grantParameters(grant: ProxyGrant): Record<string, unknown> {
  return {
    id: grant.id,
    credentialId: grant.credentialId,
    owner: grant.owner,
    expiresAt: grant.expiresAt ?? null,
    allowedPathPrefixes: JSON.stringify(grant.allowedPathPrefixes),
    allowedMethods: JSON.stringify(grant.allowedMethods),
    sessionId: grant.sessionId ?? null,
    revokedAt: grant.revokedAt ?? null,
    createdAt: grant.createdAt,
  };
}

function toRecord(row: CredentialRow): CredentialRecord {
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    kind: row.kind,
    ...(row.base_url === null ? {} : { baseUrl: row.base_url }),
    keyId: row.key_id,
    ciphertext: row.ciphertext,
    createdAt: row.created_at,
  };
}

function toGrant(row: GrantRow): ProxyGrant {
  return {
    id: row.id,
    credentialId: row.credential_id,
    owner: row.owner,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    allowedPathPrefixes: JSON.parse(row.allowed_path_prefixes) as string[],
    allowedMethods: JSON.parse(row.allowed_methods) as string[],
    ...(row.session_id === null ? {} : { sessionId: row.session_id }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    createdAt: row.created_at,
  };
}
