import type Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { SandboxContainer } from "./sandbox-container.js";

/** A container whose removal fails `failures` times with `error` first. */
function containerFailing(
  failures: number,
  error: object,
): { container: SandboxContainer; calls: () => number } {
  let calls = 0;
  const stub = {
    remove: async () => {
      calls += 1;
      if (calls <= failures) throw Object.assign(new Error("removal failed"), error);
    },
  };
  const construct = SandboxContainer as unknown as new (...args: unknown[]) => SandboxContainer;
  const docker = { modem: {} } as unknown as Docker;
  return { container: new construct(docker, stub, 1, undefined, undefined, new Date()), calls: () => calls };
}

const busyFilesystem = {
  statusCode: 500,
  json: {
    message:
      "unable to remove filesystem for abc: unlinkat /var/lib/docker/containers/abc: directory not empty",
  },
};

describe("SandboxContainer.remove", () => {
  it("retries dockerd's transient 'unable to remove filesystem' until the container is gone", async () => {
    const { container, calls } = containerFailing(2, {
      ...busyFilesystem,
      message: busyFilesystem.json.message,
    });
    await container.remove();
    expect(calls()).toBe(3);
  });

  it("gives up after five attempts, and does not retry other server errors", async () => {
    const stuck = containerFailing(99, { statusCode: 500, message: busyFilesystem.json.message });
    await expect(stuck.container.remove()).rejects.toThrow(/cannot remove container/);
    expect(stuck.calls()).toBe(5);
    const other = containerFailing(1, { statusCode: 500, message: "something else broke" });
    await expect(other.container.remove()).rejects.toThrow(/something else broke/);
    expect(other.calls()).toBe(1);
  });

  it("takes an already removed or already removing container as removed", async () => {
    for (const statusCode of [404, 409]) {
      const { container, calls } = containerFailing(1, { statusCode });
      await container.remove();
      expect(calls()).toBe(1);
    }
  });
});
