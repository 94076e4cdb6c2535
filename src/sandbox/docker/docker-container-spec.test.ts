import { describe, expect, it } from "vitest";
import type { SandboxId } from "../../core/ids.js";
import { buildContainerSpec, type ContainerSpecInput } from "./docker-container-spec.js";
import { buildLabels, parseLabels, type SandboxLabels } from "./docker-labels.js";
import { keeperScript } from "./keeper-protocol.js";
import { deniedSyscalls } from "../seccomp-policy.js";
import { seccompProfile } from "./seccomp-profile.js";

const mebibyte = 1024 * 1024;
const limits = {
  memoryBytes: 256 * mebibyte,
  pids: 64,
  cpuCores: 1.5,
  workspaceBytes: 16 * mebibyte,
  tmpBytes: 8 * mebibyte,
};

function spec(overrides: Partial<ContainerSpecInput> = {}) {
  return buildContainerSpec({
    name: "hangar-sbx_test",
    image: "hangar-sandbox:latest",
    limits,
    mode: "persistent",
    labels: { "hangar.sandbox": "sbx_test" },
    environment: { PATH: "/usr/bin:/bin", HOME: "/workspace" },
    openFiles: 1024,
    ...overrides,
  });
}

describe("buildContainerSpec", () => {
  it("is hardened: no network, no capabilities, no privilege gain, read-only root, non-root user", () => {
    const options = spec();
    expect(options.NetworkDisabled).toBe(true);
    expect(options.User).toBe("1000:1000");
    expect(options.HostConfig).toMatchObject({
      NetworkMode: "none",
      Privileged: false,
      CapDrop: ["ALL"],
      CapAdd: [],
      ReadonlyRootfs: true,
      Init: true,
      IpcMode: "private",
      CgroupnsMode: "private",
    });
  });

  it("gets bubblewrap's seccomp policy: the same deny list with EPERM, and no user namespaces", () => {
    const options = (spec().HostConfig?.SecurityOpt ?? []) as string[];
    expect(options[0]).toBe("no-new-privileges");
    expect(options).toHaveLength(2);
    expect(options[1]?.startsWith("seccomp=")).toBe(true);
    const profile = JSON.parse(options[1]!.slice("seccomp=".length)) as ReturnType<typeof seccompProfile>;
    expect(profile).toEqual(seccompProfile());
    expect(profile.defaultAction).toBe("SCMP_ACT_ALLOW");
    const denied = profile.syscalls.find((rule) => rule.args === undefined && rule.errnoRet === 1);
    for (const name of Object.keys(deniedSyscalls)) expect(denied?.names).toContain(name);
    expect(denied?.names).toContain("io_uring_setup");
    const clone = profile.syscalls.find((rule) => rule.names.includes("clone"));
    expect(clone?.args).toEqual([
      { index: 0, value: 0x10000000, valueTwo: 0x10000000, op: "SCMP_CMP_MASKED_EQ" },
    ]);
    expect(profile.syscalls.find((rule) => rule.names.includes("clone3"))?.errnoRet).toBe(38);
    expect(seccompProfile("arm64").architectures).toEqual(["SCMP_ARCH_AARCH64"]);
  });

  it("mounts nothing from the host, least of all the Docker socket", () => {
    const options = spec();
    expect(options.HostConfig.Binds).toEqual([]);
    expect(options.HostConfig.Mounts).toEqual([]);
    expect(options.HostConfig.Devices).toEqual([]);
    expect(JSON.stringify(options)).not.toContain("docker.sock");
    expect(Object.keys(options.HostConfig.Tmpfs ?? {}).sort()).toEqual(["/tmp", "/workspace"]);
  });

  it("binds a durable workspace's mounted image at /workspace instead of a tmpfs, and nothing else", () => {
    const host = spec({ workspaceSource: "/run/hangar/docker-x/sbx_test" }).HostConfig;
    expect(host.Mounts).toEqual([
      { Type: "bind", Source: "/run/hangar/docker-x/sbx_test", Target: "/workspace", ReadOnly: false },
    ]);
    expect(host.Binds).toEqual([]);
    expect(Object.keys(host.Tmpfs ?? {})).toEqual(["/tmp"]);
  });

  it("turns the sandbox limits into engine limits, swap equal to memory", () => {
    const host = spec().HostConfig;
    expect(host.Memory).toBe(256 * mebibyte);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.NanoCpus).toBe(1_500_000_000);
    expect(host.PidsLimit).toBe(64 + 3);
    expect(spec({ mode: "single-use" }).HostConfig.PidsLimit).toBe(64 + 2);
    expect(host.ShmSize).toBe(8 * mebibyte);
    expect(host.Tmpfs?.["/workspace"]).toContain(`size=${16 * mebibyte}`);
    expect(host.Tmpfs?.["/workspace"]).toContain("uid=1000");
    expect(host.Tmpfs?.["/tmp"]).toContain(`size=${8 * mebibyte}`);
    expect(host.Tmpfs?.["/tmp"]).toMatch(/nosuid/);
    expect(host.Ulimits).toEqual(
      expect.arrayContaining([
        { Name: "nofile", Soft: 1024, Hard: 1024 },
        { Name: "core", Soft: 0, Hard: 0 },
      ]),
    );
  });

  it("passes only the given environment and overrides the image's entrypoint", () => {
    const options = spec();
    expect(options.Env).toEqual(["PATH=/usr/bin:/bin", "HOME=/workspace"]);
    expect(options.Entrypoint).toEqual(["/bin/sleep"]);
    expect(options.Cmd).toEqual(["infinity"]);
    expect(options.HostConfig.LogConfig?.Type).toBe("none");
  });

  it("parks a single-use container's keeper on an attached stdin; a persistent one has none", () => {
    const single = spec({ mode: "single-use" });
    expect(single.Entrypoint).toEqual(["/bin/sh"]);
    expect(single.Cmd).toEqual(["-c", keeperScript, "hangar-keeper", "single"]);
    expect(single).toMatchObject({ OpenStdin: true, StdinOnce: true, AttachStdin: true });
    expect(spec()).toMatchObject({ OpenStdin: false, AttachStdin: false });
  });
});

describe("container labels", () => {
  const sandbox: SandboxLabels = {
    id: "sbx_abc" as SandboxId,
    instance: "0123456789ab",
    owner: "alice",
    mode: "persistent",
    durable: true,
    image: "hangar-sandbox:latest",
    limits,
    labels: { "hangar.project": "p1", "hangar.user": "u1", note: "anything" },
  };

  it("name the sandbox, its owner, project and instance, and copy the spec's hangar.* labels", () => {
    expect(buildLabels(sandbox)).toMatchObject({
      "hangar.sandbox": "sbx_abc",
      "hangar.owner": "alice",
      "hangar.project": "p1",
      "hangar.instance": "0123456789ab",
      "hangar.user": "u1",
      "hangar.durable": "true",
    });
    expect(buildLabels(sandbox)).not.toHaveProperty("note");
    expect(buildLabels({ ...sandbox, owner: "" })).toMatchObject({ "hangar.pool": "true" });
  });

  it("a spec label cannot overwrite what identifies the sandbox", () => {
    const labels = buildLabels({
      ...sandbox,
      labels: { "hangar.owner": "mallory", "hangar.sandbox": "sbx_other" },
    });
    expect(labels).toMatchObject({ "hangar.owner": "alice", "hangar.sandbox": "sbx_abc" });
  });

  it("round-trip exactly, and anything malformed is not a sandbox", () => {
    const labels = buildLabels(sandbox);
    expect(parseLabels(labels)).toEqual(sandbox);
    expect(parseLabels({ ...labels, "hangar.limits": "{not json" })).toBeUndefined();
    expect(
      parseLabels({ ...labels, "hangar.limits": JSON.stringify({ ...limits, pids: "64" }) }),
    ).toBeUndefined();
    expect(parseLabels({ ...labels, "hangar.mode": "forever" })).toBeUndefined();
    expect(parseLabels({ ...labels, "hangar.labels": JSON.stringify({ a: 1 }) })).toBeUndefined();
    expect(parseLabels({ "hangar.sandbox": "sbx_abc" })).toBeUndefined();
    expect(parseLabels(undefined)).toBeUndefined();
  });
});
