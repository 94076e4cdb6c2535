import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { prepareCliDirectory, runCli, startServe, stopServe } from "./cli-process.js";

/**
 * `hangar credentials` as a user runs it (`node dist/main.js`) against a real
 * `hangar serve`: add with --token-env and --token-stdin, ls, grant, revoke,
 * remove; then rotate-key, refused while the server runs and done once it stopped.
 */
const canary = `ghp_CANARY${randomBytes(12).toString("hex")}`;

describe.runIf(requireBubblewrap())("hangar credentials end to end", { timeout: 120_000 }, () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startServe>> | undefined;
  let url: string;
  const outputs: string[] = [];

  function cli(args: string[], env: Record<string, string> = {}, input?: string) {
    const result = runCli(["credentials", ...args], {
      cwd: directory,
      env,
      ...(input === undefined ? {} : { input }),
    });
    outputs.push(result.stdout, result.stderr);
    return result;
  }

  beforeAll(async () => {
    directory = await prepareCliDirectory("hangar-credentials-cli-");
    server = await startServe([], directory);
    url = server.url;
  }, 120_000);
  afterAll(async () => {
    if (server !== undefined) await stopServe(server);
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  let firstProxyId: string;

  it("adds a credential from --token-env and prints only its proxy id", () => {
    const added = cli(
      ["add", "--name", "gh-ci", "--kind", "github", "--token-env", "GH_TOKEN", "--server", url],
      {
        GH_TOKEN: canary,
      },
    );
    expect(added.stderr).toBe("stored credential 'gh-ci' (github)\n");
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^prx_[0-9a-z]{16}\n$/);
    firstProxyId = added.stdout.trim();
  });

  it("adds one from --token-stdin, and refuses a missing or doubled token source", () => {
    const added = cli(
      [
        "add",
        "--name",
        "api",
        "--kind",
        "bearer",
        "--base-url",
        "https://api.example.com/v1",
        "--token-stdin",
        "--server",
        url,
      ],
      {},
      "sk-from-stdin\n",
    );
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^prx_/);
    const none = cli(["add", "--name", "x", "--kind", "github", "--server", url]);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain("exactly one of --token-env <variable> or --token-stdin");
    const unset = cli([
      "add",
      "--name",
      "x",
      "--kind",
      "github",
      "--token-env",
      "NOT_SET_ANYWHERE",
      "--server",
      url,
    ]);
    expect(unset.status).not.toBe(0);
    expect(unset.stderr).toContain("NOT_SET_ANYWHERE is not set");
    const bad = cli(
      ["add", "--name", "bad name", "--kind", "github", "--token-env", "GH_TOKEN", "--server", url],
      {
        GH_TOKEN: canary,
      },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/name/);
  });

  it("grants a limited proxy id, lists both credentials with their proxy ids, and revokes one", () => {
    const granted = cli([
      "grant",
      "gh-ci",
      "--expires-in",
      "1h",
      "--path-prefix",
      "/repos/acme/",
      "--method",
      "GET",
      "--server",
      url,
    ]);
    expect(granted.status).toBe(0);
    const grantId = granted.stdout.trim();
    expect(grantId).toMatch(/^prx_/);
    const revoked = cli(["revoke", firstProxyId, "--server", url]);
    expect(revoked).toMatchObject({ status: 0, stdout: `revoked ${firstProxyId}\n` });
    const listed = cli(["ls", "--server", url]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^api {2}bearer {2}https:\/\/api\.example\.com\/v1 {2}cred_/m);
    expect(listed.stdout).toMatch(new RegExp(`^ {2}${firstProxyId} {2}revoked `, "m"));
    expect(listed.stdout).toMatch(
      new RegExp(`^ {2}${grantId} {2}expires .* {2}paths /repos/acme/ {2}methods GET$`, "m"),
    );
    const json = JSON.parse(cli(["ls", "--json", "--server", url]).stdout) as Array<{
      name: string;
      proxy_ids: unknown[];
    }>;
    expect(json.map((credential) => [credential.name, credential.proxy_ids.length])).toEqual([
      ["api", 1],
      ["gh-ci", 2],
    ]);
    const unknown = cli(["revoke", "prx_0000000000000000", "--server", url]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("no proxy id");
  });

  it("refuses rotate-key while the server holds the data directory", () => {
    const refused = cli(["rotate-key"]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/a Hangar server \(pid \d+\) is using/);
  });

  it("removes a credential", () => {
    expect(cli(["remove", "api", "--server", url])).toMatchObject({ status: 0, stdout: "removed api\n" });
    const listed = cli(["ls", "--server", url]);
    expect(listed.stdout).not.toContain("api  bearer");
  });

  it("rotates the key once the server stopped, and the server reads the tokens with the new key", async () => {
    const keyPath = join(directory, ".hangar", "secret.key");
    const before = readFileSync(keyPath, "utf8");
    await stopServe(server!);
    server = undefined;
    const rotated = cli(["rotate-key"]);
    expect(rotated.stderr).toBe("");
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/^re-encrypted 1 credential\(s\): key k_[0-9a-f]{12} → k_[0-9a-f]{12}\n/);
    expect(readFileSync(keyPath, "utf8")).not.toBe(before);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyPath}.next`)).toBe(false);
    const misuse = cli(["rotate-key", "--new-key-env", "OTHER"]);
    expect(misuse.status).not.toBe(0);
    expect(misuse.stderr).toContain("--new-key-env is for keys kept in HANGAR_SECRET_KEY");
    server = await startServe([], directory);
    expect(server.log()).not.toMatch(/encrypted with another key/);
    const listed = cli(["ls", "--server", server.url]);
    expect(listed.stdout).toContain("gh-ci  github");
  }, 120_000);

  it("never printed the token", () => {
    for (const text of [...outputs, server?.log() ?? ""]) expect(text.includes(canary)).toBe(false);
  });
});
