import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mountOverlayReadOnly, unmount } from "./host-mounts.js";

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)("mountOverlayReadOnly", () => {
  const scratch = mkdtemp(join(tmpdir(), "hangar-overlay-test-"));

  afterAll(async () => {
    await rm(await scratch, { recursive: true, force: true });
  });

  it("shows the source's files read-only, and mountinfo names neither layer's path", async () => {
    const directory = await scratch;
    const [source, empty, target] = [
      join(directory, "source"),
      join(directory, "empty"),
      join(directory, "target"),
    ];
    for (const path of [source, empty, target]) await mkdir(path);
    await writeFile(join(source, "kernel.py"), "print('hello')\n");
    await mountOverlayReadOnly(source, empty, target);
    try {
      expect(await readFile(join(target, "kernel.py"), "utf8")).toBe("print('hello')\n");
      await expect(writeFile(join(target, "planted"), "x")).rejects.toThrow(/EROFS/);
      const line = (await readFile("/proc/self/mountinfo", "utf8"))
        .split("\n")
        .find((entry) => entry.split(" ")[4] === target);
      // The mount's root within its file system, then (after " - ") its type, source and options.
      expect(line?.split(" ")[3]).toBe("/");
      const described = line?.split(" - ")[1];
      expect(described).toContain("lowerdir=/proc/self/fd/3:/proc/self/fd/4");
      expect(described).not.toContain(directory);
    } finally {
      await unmount(target);
    }
  });

  it("fails, saying why, when the source is missing", async () => {
    const directory = await scratch;
    await expect(
      mountOverlayReadOnly(join(directory, "missing"), join(directory, "empty"), join(directory, "target")),
    ).rejects.toThrow(/ENOENT/);
  });
});
