import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { HangarError } from "../../src/core/errors.js";
import type { AgentDirectories } from "../../src/sandbox/agent-mounts.js";
import { DockerProvider } from "../../src/sandbox/docker/docker-provider.js";
import { seccompProfile } from "../../src/sandbox/docker/seccomp-profile.js";
import {
  containersOfInstance,
  probeDockerEngine,
  removeInstanceContainers,
} from "../fixtures/docker-engine.js";
import { hostProcessesWith, newMarker, waitFor } from "./host-observation.js";
import { conformanceLimits, describeProviderConformance } from "./provider-conformance.js";
import { DataDirectories, expectWarmPoolOfTwo, runShell } from "./provider-specifics.js";

const isCi = process.env.CI === "true";
const environment = await probeDockerEngine();

const dataDirectories = new DataDirectories("hangar-docker-test");
const newDataDirectory = (): string => dataDirectories.next();

afterAll(async () => {
  if (environment.isAvailable) {
    const instances = dataDirectories.paths.map(
      (dataDirectory) => new DockerProvider({ dataDirectory }).instance,
    );
    await Promise.all(instances.map((instance) => removeInstanceContainers(environment.docker, instance)));
  }
  await dataDirectories.removeAll();
});

async function startProvider(
  dataDirectory: string,
  poolSize: number,
  image: string,
  agentDirectories?: AgentDirectories,
): Promise<DockerProvider> {
  await mkdir(dataDirectory, { recursive: true });
  const provider = new DockerProvider({
    dataDirectory,
    defaultImage: image,
    poolSize,
    poolLimits: conformanceLimits,
    ...(agentDirectories ? { agentDirectories } : {}),
  });
  await provider.start();
  return provider;
}

if (!environment.isAvailable && isCi) {
  it("a Docker engine with the sandbox image is available (required in CI)", () => {
    expect.fail(environment.reason);
  });
} else if (!environment.isAvailable) {
  describe.skip(`docker provider: SKIPPED because ${environment.reason}`, () => {
    it("needs a Docker engine", () => undefined);
  });
} else {
  const { docker, image } = environment;
  const conformanceDataDirectory = newDataDirectory();
  describeProviderConformance(
    "docker",
    (agentDirectories) => startProvider(conformanceDataDirectory, 2, image, agentDirectories),
    {
      hiddenHostPaths: [conformanceDataDirectory],
    },
  );

  describe("docker provider specifics", () => {
    let provider: DockerProvider;
    afterAll(async () => {
      await provider?.stop();
    });

    it("creates a hardened container: no network, no capabilities, read-only, uid 1000, no socket, labelled", async () => {
      provider = await startProvider(newDataDirectory(), 0, image);
      const sandbox = await provider.create({
        owner: "hardened",
        limits: conformanceLimits,
        labels: { "hangar.project": "project-1", "hangar.user": "user-1" },
      });
      const [listed] = (await containersOfInstance(docker, provider.instance)).filter(
        (container) => container.Labels["hangar.sandbox"] === sandbox.id,
      );
      const inspected = await docker.getContainer(listed!.Id).inspect();
      expect(inspected.Config.User).toBe("1000:1000");
      expect((inspected.Config as { NetworkDisabled?: boolean }).NetworkDisabled).toBe(true);
      expect(inspected.Config.Labels).toMatchObject({
        "hangar.sandbox": sandbox.id,
        "hangar.owner": "hardened",
        "hangar.project": "project-1",
        "hangar.user": "user-1",
        "hangar.instance": provider.instance,
      });
      expect(inspected.HostConfig).toMatchObject({
        NetworkMode: "none",
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges", `seccomp=${JSON.stringify(seccompProfile())}`],
        ReadonlyRootfs: true,
        Privileged: false,
        Memory: conformanceLimits.memoryBytes,
        MemorySwap: conformanceLimits.memoryBytes,
        PidsLimit: conformanceLimits.pids + 3,
      });
      expect(inspected.HostConfig.Binds ?? []).toEqual([]);
      // The one host directory: the sandbox's own channel, a 1 MiB tmpfs as root.
      expect(inspected.Mounts).toEqual([
        expect.objectContaining({
          Type: "bind",
          Source: sandbox.channelDirectory,
          Destination: "/.hangar/channel",
          RW: true,
        }),
      ]);
      expect(JSON.stringify(inspected)).not.toContain("docker.sock");
      // And from inside: no socket anywhere, only the tmpfs mounts are writable.
      const inside = await runShell(
        sandbox,
        "ls /var/run/docker.sock /run/docker.sock 2>&1; id -u; grep -c ' / .*ro,' /proc/mounts",
      );
      expect(inside).toMatch(/No such file/);
      expect(inside).toMatch(/^1000$/m);
      expect(inside).toMatch(/^1$/m);
      await sandbox.destroy();
      expect(
        (await containersOfInstance(docker, provider.instance)).map((container) => container.Id),
      ).not.toContain(listed!.Id);
    });

    it("kills what one command left without touching another command of the same sandbox", async () => {
      const sandbox = await provider.create({ owner: "neighbours", limits: conformanceLimits });
      try {
        const kept = newMarker();
        const longRunning = await sandbox.spawn(
          { argv: ["/bin/sh", "-c", `m=${kept.spelled}; exec /bin/sleep "1000.$m"`] },
          { timeoutMs: 30_000, maxOutputBytes: 1000 },
        );
        longRunning.stdin.end();
        await waitFor(() => hostProcessesWith(kept.marker).length === 1, "the long-running command");
        const left = newMarker();
        expect(
          await runShell(sandbox, `m=${left.spelled}; ( setsid /bin/sleep "1000.$m" & ); echo done`),
        ).toBe("done\n");
        expect(hostProcessesWith(left.marker)).toEqual([]);
        expect(hostProcessesWith(kept.marker)).toHaveLength(1);
        longRunning.kill();
        expect((await longRunning.exited).reason).toBe("killed");
        expect(hostProcessesWith(kept.marker)).toEqual([]);
      } finally {
        await sandbox.destroy();
      }
    });

    it("the warm pool hands each sandbox to exactly one owner and refills", async () => {
      const pooling = await startProvider(newDataDirectory(), 2, image);
      try {
        await expectWarmPoolOfTwo(pooling, 15_000);
      } finally {
        await pooling.stop();
      }
    });

    it("names an unknown image and how to build it", async () => {
      const missing = `hangar-no-such-image-${randomBytes(3).toString("hex")}:latest`;
      const error = await provider
        .create({ owner: "images", limits: conformanceLimits, image: missing })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HangarError);
      expect(error).toMatchObject({ code: "BAD_REQUEST", field: "image" });
      expect((error as Error).message).toContain(missing);
      expect((error as Error).message).toContain("hangar image build");
      const withoutDefault = new DockerProvider({ dataDirectory: newDataDirectory(), defaultImage: missing });
      await expect(withoutDefault.start()).rejects.toThrow(missing);
    });

    it("says which DOCKER_HOST it tried when the engine is unreachable", async () => {
      const saved = process.env.DOCKER_HOST;
      process.env.DOCKER_HOST = "unix:///nonexistent.sock";
      let unreachable: DockerProvider;
      try {
        unreachable = new DockerProvider({ dataDirectory: newDataDirectory(), defaultImage: image });
      } finally {
        if (saved === undefined) delete process.env.DOCKER_HOST;
        else process.env.DOCKER_HOST = saved;
      }
      const error = await unreachable.start().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "ENGINE_UNAVAILABLE" });
      expect((error as Error).message).toContain("unix:///nonexistent.sock");
    });
  });

  describe("docker provider across restarts", () => {
    it("keeps durable sandboxes and their files, removes the others, and ends every command", async () => {
      const dataDirectory = newDataDirectory();
      const first = await startProvider(dataDirectory, 0, image);
      const durable = await first.create({ owner: "keeper", limits: conformanceLimits, durable: true });
      const passing = await first.create({ owner: "keeper", limits: conformanceLimits });
      await durable.writeFile("notes/kept.txt", "still here");
      const running = newMarker();
      const command = await durable.spawn(
        { argv: ["/bin/sh", "-c", `m=${running.spelled}; exec /bin/sleep "1000.$m"`] },
        { timeoutMs: 30_000, maxOutputBytes: 1000 },
      );
      command.stdin.end();
      await waitFor(() => hostProcessesWith(running.marker).length === 1, "the running command");
      await first.stop();
      expect((await command.exited).reason).toBe("killed");
      expect(hostProcessesWith(running.marker)).toEqual([]);
      const left = (await containersOfInstance(docker, first.instance)).map(
        (container) => container.Labels["hangar.sandbox"],
      );
      expect(left).toEqual([durable.id]);
      expect(left).not.toContain(passing.id);

      // A new process on the same data directory finds it, files intact.
      const second = await startProvider(dataDirectory, 0, image);
      let third: DockerProvider | undefined;
      try {
        expect((await second.list()).map((info) => [info.id, info.owner, info.alive])).toEqual([
          [durable.id, "keeper", true],
        ]);
        const found = await second.find(durable.id);
        expect(found?.owner).toBe("keeper");
        expect(await found!.isAlive()).toBe(true);
        expect(Buffer.from((await found!.readFile("notes/kept.txt", 100)) ?? []).toString()).toBe(
          "still here",
        );

        // This one crashes (no stop) with a command running: the next process ends that command.
        const orphan = newMarker();
        const orphaned = await found!.spawn(
          {
            argv: [
              "/bin/sh",
              "-c",
              `m=${orphan.spelled}; ( setsid /bin/sleep "1000.$m" & ); exec /bin/sleep "2000.$m"`,
            ],
          },
          { timeoutMs: 30_000, maxOutputBytes: 1000 },
        );
        orphaned.stdin.end();
        await waitFor(
          () => hostProcessesWith(orphan.marker).length === 2,
          "the orphaned command and its daemon",
        );
        third = await startProvider(dataDirectory, 0, image);
        const again = await third.find(durable.id);
        expect(hostProcessesWith(orphan.marker)).toEqual([]);
        expect(await runShell(again!, "cat notes/kept.txt")).toBe("still here");
        await again!.destroy();
        expect(await containersOfInstance(docker, first.instance)).toEqual([]);
        expect(await third.find(durable.id)).toBeUndefined();
      } finally {
        await third?.stop();
        await second.stop();
      }
    });
  });
}
