import { resolve } from "node:path";
import { Command, Option } from "commander";
import { openCredentialRecords } from "../app/create-credentials.js";
import { assertNoServer } from "../app/server-lock.js";
import { HangarClient, HangarClientError } from "../client/hangar-client.js";
import { environmentVariable } from "../config/load-config.js";
import { HangarError } from "../core/errors.js";
import { finishInterruptedRotation, rotateKey } from "../credentials/key-rotation.js";
import { loadSecretKey, parseSecretKey, secretKeyVariable } from "../credentials/secret-key.js";
import type { CredentialView, ProxyGrantView } from "../protocol/index.js";
import { createStore } from "../store/create-store.js";
import { configuredServerUrl } from "./bridges-command.js";
import { configFromFlags } from "./cli-config.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";

interface ServerOptions extends CommonOptions {
  server?: string;
  apiKey?: string;
}

interface AddOptions extends ServerOptions {
  name: string;
  kind: string;
  tokenEnv?: string;
  tokenStdin?: boolean;
  baseUrl?: string;
}

interface GrantOptions extends ServerOptions {
  expiresIn?: string;
  pathPrefix?: string[];
  method?: string[];
}

interface RotateOptions extends CommonOptions {
  newKeyEnv?: string;
}

/**
 * `hangar credentials`: the credential store through the running server (its
 * HTTP API, so the server's owner scoping and validation apply), except
 * `rotate-key`, which re-encrypts the store offline. A token is read from an
 * environment variable or stdin, never from argv (other users see argv in ps).
 */
export function credentialsCommand(): Command {
  const command = new Command("credentials").description(
    "store tokens encrypted and hand out revocable proxy ids for them",
  );
  command.addCommand(
    withServerOptions(new Command("add"))
      .description("store a credential and print its first proxy id")
      .requiredOption("--name <name>", "its name, unique for you (letters, digits, . _ -)")
      .addOption(
        new Option("--kind <kind>", "how the upstream takes the token")
          .choices(["github", "graph", "bearer"])
          .makeOptionMandatory(),
      )
      .option("--token-env <variable>", "read the token from this environment variable")
      .option("--token-stdin", "read the token from stdin (one line)")
      .option("--base-url <url>", "bearer only: the upstream, e.g. https://api.example.com/v2")
      .action(async (options: AddOptions) => {
        const token = await readToken(options);
        const answer = await withClient(options, (client) =>
          client.addCredential({
            name: options.name,
            kind: options.kind as "github" | "graph" | "bearer",
            token,
            ...(options.baseUrl === undefined ? {} : { base_url: options.baseUrl }),
          }),
        );
        process.stderr.write(`stored credential '${answer.credential.name}' (${answer.credential.kind})\n`);
        process.stdout.write(`${answer.proxy_id}\n`);
      }),
  );
  command.addCommand(
    withServerOptions(new Command("ls"))
      .description("your credentials and their proxy ids (never a token)")
      .option("--json", "print JSON")
      .action(async (options: ServerOptions & { json?: boolean }) => {
        const listing = await withClient(options, async (client) => {
          const credentials = await client.listCredentials();
          return Promise.all(
            credentials.map(async (credential) => ({
              ...credential,
              proxy_ids: await client.listProxyIds(credential.id),
            })),
          );
        });
        process.stdout.write(
          options.json === true ? `${JSON.stringify(listing, null, 2)}\n` : formatListing(listing),
        );
      }),
  );
  command.addCommand(
    withServerOptions(new Command("grant"))
      .description("make another proxy id for a credential and print it")
      .argument("<name>", "the credential")
      .option("--expires-in <duration>", "it stops working after this: 90s, 30m, 1h, 7d")
      .option(
        "--path-prefix <prefix>",
        "allow only paths under this (repeatable), e.g. /repos/acme/",
        collect,
      )
      .option("--method <method>", "allow only this method (repeatable), e.g. GET", collect)
      .action(async (name: string, options: GrantOptions) => {
        const expiresIn = options.expiresIn === undefined ? undefined : parseDuration(options.expiresIn);
        const grant = await withClient(options, (client) =>
          client.createProxyId(name, {
            ...(expiresIn === undefined ? {} : { expires_in_seconds: expiresIn }),
            ...(options.pathPrefix === undefined ? {} : { path_prefixes: options.pathPrefix }),
            ...(options.method === undefined ? {} : { methods: options.method }),
          }),
        );
        process.stdout.write(`${grant.id}\n`);
      }),
  );
  command.addCommand(
    withServerOptions(new Command("revoke"))
      .description("revoke a proxy id (the credential stays)")
      .argument("<proxy-id>", "prx_…")
      .action(async (id: string, options: ServerOptions) => {
        await withClient(options, (client) => client.revokeProxyId(id));
        process.stdout.write(`revoked ${id}\n`);
      }),
  );
  command.addCommand(
    withServerOptions(new Command("remove"))
      .alias("rm")
      .description("remove a credential and every proxy id of it")
      .argument("<name>", "the credential")
      .action(async (name: string, options: ServerOptions) => {
        await withClient(options, (client) => client.removeCredential(name));
        process.stdout.write(`removed ${name}\n`);
      }),
  );
  command.addCommand(
    withCommonOptions(new Command("rotate-key"))
      .description(
        "re-encrypt every stored token with a new key (server stopped); with HANGAR_SECRET_KEY, the new key comes from --new-key-env",
      )
      .option("--new-key-env <variable>", "with HANGAR_SECRET_KEY: the variable holding the new key")
      .action(async (options: RotateOptions) => {
        process.stdout.write(`${await rotateStoreKey(options)}\n`);
      }),
  );
  return command;
}

function withServerOptions(command: Command): Command {
  return withCommonOptions(command)
    .option(
      "--server <url>",
      "the running Hangar server (default: server.host and server.port of the config)",
    )
    .option("--api-key <key>", "the server's API key (default: $HANGAR_API_KEY, else the config's first)");
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `90`, `90s`, `30m`, `1h`, `7d` → seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  if (match === null)
    throw new HangarError(
      "VALIDATION_FAILED",
      `--expires-in must be a duration like 90s, 30m, 1h or 7d, not "${text}"`,
      {
        field: "expires-in",
      },
    );
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

async function readToken(options: AddOptions): Promise<string> {
  if ((options.tokenEnv === undefined) === (options.tokenStdin !== true)) {
    throw new HangarError(
      "VALIDATION_FAILED",
      "give the token with exactly one of --token-env <variable> or --token-stdin (never on the command line)",
      { field: "token" },
    );
  }
  if (options.tokenEnv !== undefined) {
    const token = environmentVariable(options.tokenEnv);
    if (token === undefined)
      throw new HangarError(
        "VALIDATION_FAILED",
        `the environment variable ${options.tokenEnv} is not set or empty`,
        {
          field: "token-env",
        },
      );
    return token;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // A trailing newline is how `echo` and files end; it is never part of a token.
  const token = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  if (token === "")
    throw new HangarError("VALIDATION_FAILED", "stdin held no token", { field: "token-stdin" });
  return token;
}

async function withClient<Result>(
  options: ServerOptions,
  work: (client: HangarClient) => Promise<Result>,
): Promise<Result> {
  const config = options.server === undefined ? configFromFlags(options) : undefined;
  const baseUrl = options.server ?? configuredServerUrl(config!);
  const apiKey = options.apiKey ?? environmentVariable("HANGAR_API_KEY") ?? config?.server.api_keys[0]?.key;
  const client = new HangarClient({ baseUrl, ...(apiKey === undefined ? {} : { apiKey }) });
  try {
    return await work(client);
  } catch (error) {
    if (!(error instanceof HangarClientError) || error.code !== "UNREACHABLE") throw error;
    throw new HangarClientError(
      "UNREACHABLE",
      `cannot reach ${baseUrl}: credentials are managed through the running server; is hangar serve running? ` +
        "(name another with --server <url>)",
      { cause: error },
    );
  }
}

/** Offline: refuses while a server holds the data directory, since it would keep using the old key. */
async function rotateStoreKey(options: RotateOptions): Promise<string> {
  const config = configFromFlags({ logLevel: "warn", ...options });
  const dataDirectory = resolve(config.data_dir);
  assertNoServer(dataDirectory, "rotate the key while it is stopped (it holds the current key in memory)");
  const environmentValue = environmentVariable(secretKeyVariable);
  if (environmentValue === undefined && options.newKeyEnv !== undefined) {
    throw new HangarError(
      "VALIDATION_FAILED",
      `--new-key-env is for keys kept in ${secretKeyVariable}; this data directory's key is in secret.key, and rotate-key generates the new one`,
      { field: "new-key-env" },
    );
  }
  if (environmentValue !== undefined && options.newKeyEnv === undefined) {
    throw new HangarError(
      "VALIDATION_FAILED",
      `the key comes from ${secretKeyVariable}: put the new key in another variable and name it with --new-key-env <variable>`,
      { field: "new-key-env" },
    );
  }
  const store = createStore(dataDirectory);
  const records = await openCredentialRecords(config, store);
  try {
    let newKey;
    if (options.newKeyEnv !== undefined) {
      const value = environmentVariable(options.newKeyEnv);
      if (value === undefined)
        throw new HangarError(
          "VALIDATION_FAILED",
          `the environment variable ${options.newKeyEnv} is not set or empty`,
          {
            field: "new-key-env",
          },
        );
      newKey = parseSecretKey(value, options.newKeyEnv);
    } else {
      await finishInterruptedRotation(dataDirectory, records);
    }
    const currentKey = loadSecretKey({ dataDirectory, environmentValue });
    const result = await rotateKey({
      dataDirectory,
      records,
      currentKey,
      ...(newKey === undefined ? {} : { newKey }),
    });
    const done = `re-encrypted ${result.reencrypted} credential(s): key ${result.previousKeyId} → ${result.keyId}`;
    return result.keyFile === undefined
      ? `${done}\nnow start the server with ${secretKeyVariable} set to the value of ${options.newKeyEnv}`
      : `${done}\nthe new key is in ${result.keyFile}; back it up (the old one no longer opens anything)`;
  } finally {
    await records.close();
    store.close();
  }
}

function formatListing(listing: Array<CredentialView & { proxy_ids: ProxyGrantView[] }>): string {
  if (listing.length === 0) return "no credentials\n";
  const lines: string[] = [];
  for (const credential of listing) {
    lines.push(
      `${credential.name}  ${credential.kind}${credential.base_url === null ? "" : `  ${credential.base_url}`}  ${credential.id}  created ${credential.created_at}`,
    );
    for (const grant of credential.proxy_ids) {
      const limits = [
        grant.revoked_at === null ? "" : `revoked ${grant.revoked_at}`,
        grant.expires_at === null ? "" : `expires ${grant.expires_at}`,
        grant.path_prefixes.length === 0 ? "" : `paths ${grant.path_prefixes.join(",")}`,
        grant.methods.length === 0 ? "" : `methods ${grant.methods.join(",")}`,
        grant.session_id === null ? "" : `session ${grant.session_id}`,
      ].filter(Boolean);
      lines.push(`  ${grant.id}${limits.length === 0 ? "" : `  ${limits.join("  ")}`}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
