import type Docker from "dockerode";
import type { SandboxId } from "../../core/ids.js";
import { engineError, statusCodeOf } from "./docker-engine.js";
import { labelKeys, parseLabels, type SandboxLabels } from "./docker-labels.js";

/**
 * The engine's view of one Hangar instance's sandboxes: its containers,
 * found by label, whoever created them (this process or an earlier one).
 */
export interface LabelledContainer {
  id: SandboxId;
  containerId: string;
  labels: SandboxLabels;
  isRunning: boolean;
  createdAt: Date;
}

/** Every container of `instance`, running or not; `extra` narrows by more labels. */
export async function listLabelledContainers(
  docker: Docker,
  instance: string,
  extra: Record<string, string> = {},
): Promise<LabelledContainer[]> {
  const label = Object.entries({ ...extra, [labelKeys.instance]: instance }).map(
    ([key, value]) => `${key}=${value}`,
  );
  let containers: Docker.ContainerInfo[];
  try {
    containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label }) });
  } catch (error) {
    throw await engineError(docker, "cannot list sandbox containers", error);
  }
  return containers.flatMap((container) => {
    const labels = parseLabels(container.Labels);
    // A container whose labels do not parse was not made by this code: it is left alone.
    if (!labels || labels.instance !== instance) return [];
    return [
      {
        id: labels.id,
        containerId: container.Id,
        labels,
        isRunning: container.State === "running",
        createdAt: new Date(container.Created * 1000),
      },
    ];
  });
}

/** Force-removes a sandbox's containers (every process in them dies); none is fine. */
export async function removeLabelledContainers(
  docker: Docker,
  instance: string,
  id: SandboxId,
): Promise<void> {
  for (const entry of await listLabelledContainers(docker, instance, { [labelKeys.sandbox]: id })) {
    try {
      await docker.getContainer(entry.containerId).remove({ force: true });
    } catch (error) {
      const status = statusCodeOf(error);
      if (status !== 404 && status !== 409)
        throw await engineError(docker, `cannot remove sandbox ${id}`, error);
    }
  }
}
