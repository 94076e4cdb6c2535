import { engineError, statusCodeOf } from "./docker-engine.js";
import { labelKeys, parseLabels } from "./docker-labels.js";
/** Every container of `instance`, running or not; `extra` narrows by more labels. */
export async function listLabelledContainers(docker, instance, extra = {}) {
    const label = Object.entries({ ...extra, [labelKeys.instance]: instance }).map(([key, value]) => `${key}=${value}`);
    let containers;
    try {
        containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label }) });
    }
    catch (error) {
        throw await engineError(docker, "cannot list sandbox containers", error);
    }
    return containers.flatMap((container) => {
        const labels = parseLabels(container.Labels);
        // A container whose labels do not parse was not made by this code: it is left alone.
        if (!labels || labels.instance !== instance)
            return [];
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
export async function removeLabelledContainers(docker, instance, id) {
    for (const entry of await listLabelledContainers(docker, instance, { [labelKeys.sandbox]: id })) {
        try {
            await docker.getContainer(entry.containerId).remove({ force: true });
        }
        catch (error) {
            const status = statusCodeOf(error);
            if (status !== 404 && status !== 409)
                throw await engineError(docker, `cannot remove sandbox ${id}`, error);
        }
    }
}
//# sourceMappingURL=labelled-containers.js.map