import { describe, expect, it } from "vitest";
import { channelMountPoint } from "../channel-directory.js";
import {
  buildBwrapArguments,
  launchScriptPath,
  workspaceMountPoint,
  type BwrapArgumentsInput,
} from "./bwrap-arguments.js";
import { sandboxEnvironment } from "../launch-script.js";

const mebibyte = 1024 * 1024;

function input(overrides: Partial<BwrapArgumentsInput> = {}): BwrapArgumentsInput {
  return {
    storage: { kind: "private", workspaceBytes: 16 * mebibyte, tmpBytes: 8 * mebibyte },
    shmBytes: 4 * mebibyte,
    rootEntries: [
      { kind: "symlink", target: "usr/bin", path: "/bin" },
      { kind: "bind", path: "/lib64" },
    ],
    readOnly: [
      { source: "/usr", target: "/usr" },
      { source: "/tmp/hangar-x/etc/passwd", target: "/etc/passwd" },
    ],
    environment: sandboxEnvironment(),
    infoFd: 3,
    launchFd: 4,
    ...overrides,
  };
}

/** The values following each occurrence of `option` (one value per occurrence, `count` values long). */
function valuesOf(argv: string[], option: string, count = 1): string[][] {
  const found: string[][] = [];
  argv.forEach((value, index) => {
    if (value === option) found.push(argv.slice(index + 1, index + 1 + count));
  });
  return found;
}

/** Options only: everything before the `--` that starts the command. */
function optionsOf(argv: string[]): string[] {
  return argv.slice(0, argv.indexOf("--"));
}

describe("buildBwrapArguments", () => {
  it("unshares every namespace, network included, and never shares one back", () => {
    const argv = buildBwrapArguments(input());
    expect(argv).toContain("--unshare-all");
    expect(argv).toContain("--unshare-user");
    for (const forbidden of ["--share-net", "--dev-bind", "--cap-add", "--bind-try", "--dev-bind-try"]) {
      expect(argv).not.toContain(forbidden);
    }
  });

  it("dies with its parent, starts a new session and forbids nested user namespaces", () => {
    const argv = buildBwrapArguments(input());
    expect(argv).toEqual(expect.arrayContaining(["--die-with-parent", "--new-session", "--disable-userns"]));
  });

  it("leaves out only --die-with-parent for a command that survives a restart", () => {
    const dying = buildBwrapArguments(input());
    const surviving = buildBwrapArguments(input({ diesWithParent: false }));
    expect(surviving).not.toContain("--die-with-parent");
    expect(dying.filter((argument) => argument !== "--die-with-parent")).toEqual(surviving);
  });

  it("clears the environment before setting exactly the given variables", () => {
    const environment = { PATH: "/usr/bin", ODD: 'it\'s $(x) "y"' };
    const argv = buildBwrapArguments(input({ environment }));
    const firstSetenv = argv.indexOf("--setenv");
    expect(argv.indexOf("--clearenv")).toBeGreaterThanOrEqual(0);
    expect(argv.indexOf("--clearenv")).toBeLessThan(firstSetenv);
    expect(valuesOf(argv, "--setenv", 2)).toEqual([
      ["PATH", "/usr/bin"],
      ["ODD", 'it\'s $(x) "y"'],
    ]);
  });

  it("runs as uid and gid 1000 unless told otherwise", () => {
    expect(valuesOf(buildBwrapArguments(input()), "--uid")).toEqual([["1000"]]);
    expect(valuesOf(buildBwrapArguments(input()), "--gid")).toEqual([["1000"]]);
    const custom = buildBwrapArguments(input({ uid: 1234, gid: 4321 }));
    expect(valuesOf(custom, "--uid")).toEqual([["1234"]]);
    expect(valuesOf(custom, "--gid")).toEqual([["4321"]]);
  });

  it("binds host paths read-only and recreates merged-/usr symlinks", () => {
    const argv = buildBwrapArguments(input());
    expect(valuesOf(argv, "--ro-bind", 2)).toEqual([
      ["/usr", "/usr"],
      ["/tmp/hangar-x/etc/passwd", "/etc/passwd"],
      ["/lib64", "/lib64"],
    ]);
    expect(valuesOf(argv, "--symlink", 2)).toEqual([["usr/bin", "/bin"]]);
  });

  it("private storage: size-limited tmpfs for /tmp, /workspace and /dev/shm, no host bind", () => {
    const argv = buildBwrapArguments(input());
    expect(valuesOf(argv, "--size", 3)).toEqual([
      [String(4 * mebibyte), "--tmpfs", "/dev/shm"],
      [String(8 * mebibyte), "--tmpfs", "/tmp"],
      [String(16 * mebibyte), "--tmpfs", workspaceMountPoint],
    ]);
    // Every tmpfs is sized: an unsized one could eat the host's memory.
    expect(valuesOf(argv, "--tmpfs").length).toBe(valuesOf(argv, "--size").length);
    expect(argv).not.toContain("--bind");
  });

  it("volume storage: binds the host directories writable onto /tmp, /workspace and the channel only", () => {
    const storage = {
      kind: "volume" as const,
      workspace: "/v/o l'ume/workspace",
      tmp: "/v/o l'ume/tmp",
      channel: "/v/o l'ume/channel",
    };
    const argv = buildBwrapArguments(input({ storage }));
    expect(valuesOf(argv, "--bind", 2)).toEqual([
      ["/v/o l'ume/tmp", "/tmp"],
      ["/v/o l'ume/workspace", workspaceMountPoint],
      ["/v/o l'ume/channel", channelMountPoint],
    ]);
    // Bound after /.hangar is made, before the root turns read-only.
    expect(argv.indexOf("/v/o l'ume/channel")).toBeLessThan(argv.indexOf("--remount-ro"));
    expect(valuesOf(argv, "--tmpfs")).toEqual([["/dev/shm"]]);
  });

  it("passes hostile paths as single argv elements (no shell involved)", () => {
    const hostile = "/opt/x; rm -rf / #'\"$(id)`id`\n";
    const argv = buildBwrapArguments(input({ readOnly: [{ source: hostile, target: "/opt/x" }] }));
    expect(valuesOf(argv, "--ro-bind", 2)).toContainEqual([hostile, "/opt/x"]);
  });

  it("gets a fresh /proc and /dev, reports its pid on the info fd and runs the launch script", () => {
    const argv = buildBwrapArguments(input({ infoFd: 7, launchFd: 9 }));
    expect(valuesOf(argv, "--proc")).toEqual([["/proc"]]);
    expect(valuesOf(argv, "--dev")).toEqual([["/dev"]]);
    expect(valuesOf(argv, "--info-fd")).toEqual([["7"]]);
    expect(valuesOf(argv, "--file", 2)).toEqual([["9", launchScriptPath]]);
    expect(valuesOf(argv, "--chdir")).toEqual([[workspaceMountPoint]]);
    expect(argv.slice(argv.indexOf("--"))).toEqual(["--", "/bin/sh", launchScriptPath]);
    // The launch script is written after the /workspace mount, so it cannot land in the workspace.
    expect(launchScriptPath.startsWith(`${workspaceMountPoint}/`)).toBe(false);
  });

  it("mounts storage after the read-only binds, so nothing can shadow it", () => {
    const argv = optionsOf(buildBwrapArguments(input()));
    const lastReadOnly = argv.lastIndexOf("--ro-bind");
    expect(argv.lastIndexOf("/tmp")).toBeGreaterThan(lastReadOnly);
    expect(argv.lastIndexOf(workspaceMountPoint)).toBeGreaterThan(lastReadOnly);
  });
});

describe("sandboxEnvironment", () => {
  it("is a fixed allowlist that never reads the host environment", () => {
    const canary = "HANGAR_ARGUMENTS_CANARY";
    process.env[canary] = "secret";
    try {
      const environment = sandboxEnvironment();
      expect(Object.keys(environment).sort()).toEqual([
        "HOME",
        "LANG",
        "LC_ALL",
        "MPLBACKEND",
        "PATH",
        "TMPDIR",
        "USER",
      ]);
      expect(Object.values(environment)).not.toContain("secret");
      expect(environment.HOME).toBe(workspaceMountPoint);
      expect(environment.PATH).not.toBe(process.env.PATH);
    } finally {
      delete process.env[canary];
    }
  });

  it("adds extra variables on top", () => {
    expect(sandboxEnvironment({ EXTRA: "1", PATH: "/bin" })).toMatchObject({ EXTRA: "1", PATH: "/bin" });
  });
});
