import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap, useHarness } from "../fixtures/hangar-harness.js";
import { runInside, sandboxClient } from "./sandboxes-client.js";

/**
 * The files API of a managed sandbox, over HTTP against a real Hangar with
 * bubblewrap: bytes round-trip, paths are validated, and a symlink planted in
 * the workspace resolves inside the sandbox, never on the host.
 */
function fingerprint(path: string): { content: string; mtimeMs: number } {
  return { content: readFileSync(path, "utf8"), mtimeMs: statSync(path).mtimeMs };
}

describe.skipIf(!requireBubblewrap())("sandbox files over HTTP", () => {
  const hangar = useHarness({ config: { sandbox: { pool_size: 0 } } });
  const client = sandboxClient(hangar);
  let id = "";

  beforeAll(async () => {
    const ensured = await client.ensure("files-user", "files-project");
    expect(ensured.status).toBe(200);
    id = ensured.body.sandbox.id;
  });

  it("writes, lists and reads back text and binary files", async () => {
    const binary = randomBytes(4096);
    expect(await client.write(id, "src/main.py", "print('hi')\n", "text/plain")).toMatchObject({
      status: 200,
      body: { path: "src/main.py", size: 12 },
    });
    expect((await client.write(id, "data/blob.bin", binary)).status).toBe(200);
    expect((await client.write(id, "empty.txt", "")).status).toBe(200);

    const read = await client.read(id, "data/blob.bin");
    expect(read.status).toBe(200);
    expect(read.contentType).toBe("application/octet-stream");
    expect(read.bytes.equals(binary)).toBe(true);
    expect((await client.read(id, "src/main.py")).bytes.toString()).toBe("print('hi')\n");
    expect((await client.read(id, "empty.txt")).bytes.length).toBe(0);

    const listed = await client.request<{
      path: string;
      entries: { path: string; type: string; size: number }[];
    }>("GET", `/sandboxes/${id}/files`);
    expect(listed.status).toBe(200);
    expect(listed.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "src", type: "directory" }),
        { path: "src/main.py", type: "file", size: 12 },
        { path: "data/blob.bin", type: "file", size: 4096 },
      ]),
    );
    const below = await client.request<{ entries: { path: string }[] }>(
      "GET",
      `/sandboxes/${id}/files?path=data`,
    );
    expect(below.body.entries.map((entry) => entry.path)).toEqual(["blob.bin"]);
  });

  it("answers 404 for a missing file or directory", async () => {
    expect((await client.read(id, "nope.txt")).error).toMatchObject({
      error: { code: "NOT_FOUND", field: "path" },
    });
    const missing = await client.request("GET", `/sandboxes/${id}/files?path=nope`);
    expect(missing.status).toBe(404);
  });

  it("refuses '..', absolute paths, NUL and a missing path with 400 naming path", async () => {
    for (const path of ["../etc/passwd", "a/../../b", "/etc/passwd", "a\0b", ""]) {
      const read = await client.read(id, path);
      expect(read.status, JSON.stringify(path)).toBe(400);
      expect(read.error?.error.field).toBe("path");
      const write = await client.write(id, path, "x");
      expect(write.status, JSON.stringify(path)).toBe(400);
      expect(write.body.error.field).toBe("path");
    }
    const list = await client.request("GET", `/sandboxes/${id}/files?path=${encodeURIComponent("../..")}`);
    expect(list.status).toBe(400);
    expect(list.body.error).toMatchObject({ code: "INVALID_PATH", field: "path" });
    const missing = await client.request("GET", `/sandboxes/${id}/files/content`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("path");
  });

  it("refuses files over 1 MiB both ways with 413", async () => {
    expect((await client.write(id, "big.bin", Buffer.alloc(1024 * 1024 + 1))).status).toBe(413);
    expect((await client.write(id, "fits.bin", Buffer.alloc(1024 * 1024))).status).toBe(200);
    expect(await runInside(hangar(), id, "head -c 1048577 /dev/zero > over.bin")).toBe(0);
    const read = await client.read(id, "over.bin");
    expect(read.status).toBe(413);
    expect(read.error?.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", field: "path" });
  });

  it("reads a planted symlink to /etc/passwd as the sandbox's own file, and never writes the host's", async () => {
    const before = fingerprint("/etc/passwd");
    expect(await runInside(hangar(), id, "ln -s /etc/passwd leak && ln -s /etc etc-link")).toBe(0);
    const listed = await client.request<{ entries: { path: string; type: string }[] }>(
      "GET",
      `/sandboxes/${id}/files`,
    );
    expect(listed.body.entries).toContainEqual(expect.objectContaining({ path: "leak", type: "symlink" }));

    const read = await client.read(id, "leak");
    expect(read.status).toBe(200);
    const text = read.bytes.toString("utf8");
    expect(text).toContain("sandbox:x:1000");
    const hostOnly = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .filter((line) => line !== "" && !["root", "sandbox", "nobody"].includes(line.split(":")[0] ?? ""));
    expect(hostOnly.length).toBeGreaterThan(0);
    for (const line of hostOnly) expect(text).not.toContain(line);

    const write = await client.write(id, "leak", "pwned:x:0:0::/:/bin/sh\n");
    expect(write.status).toBeGreaterThanOrEqual(400);
    expect(write.body.error.message).toMatch(/cannot create leak: Read-only file system/);
    const marker = `hangar-pwned-${randomBytes(4).toString("hex")}`;
    const throughDirectory = await client.write(id, `etc-link/${marker}`, "pwned");
    // The write happens inside, where /etc is read-only: refused there, never attempted on the host.
    expect(throughDirectory.body.error.message).toMatch(/Read-only file system/);
    expect(fingerprint("/etc/passwd")).toEqual(before);
    expect(existsSync(`/etc/${marker}`)).toBe(false);
  });

  it("answers 404 for a removed or unknown sandbox", async () => {
    const other = await client.ensure("files-user", "scratch");
    await client.request("DELETE", `/sandboxes/${other.body.sandbox.id}`);
    expect((await client.read(other.body.sandbox.id, "a.txt")).status).toBe(404);
    expect((await client.read("sbx_doesnotexist0000", "a.txt")).status).toBe(404);
  });
});
