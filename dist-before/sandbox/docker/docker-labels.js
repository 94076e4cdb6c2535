/**
 * Container labels: the only state a Docker sandbox has outside the engine,
 * so that a new Hangar process can list its sandboxes and rebuild one from
 * its container (`find` after a restart). Pure.
 */
export const labelKeys = {
    sandbox: "hangar.sandbox",
    instance: "hangar.instance",
    owner: "hangar.owner",
    project: "hangar.project",
    mode: "hangar.mode",
    durable: "hangar.durable",
    pool: "hangar.pool",
    image: "hangar.image",
    limits: "hangar.limits",
    labels: "hangar.labels",
};
const reserved = new Set(Object.values(labelKeys));
export function buildLabels(input) {
    const result = {};
    // The spec's own `hangar.*` labels are copied too, so `docker ps --filter label=hangar.user=…` works.
    for (const [key, value] of Object.entries(input.labels)) {
        if (key.startsWith("hangar.") && !reserved.has(key))
            result[key] = value;
    }
    const project = input.labels[labelKeys.project] ?? input.labels.project;
    return {
        ...result,
        [labelKeys.sandbox]: input.id,
        [labelKeys.instance]: input.instance,
        [labelKeys.owner]: input.owner,
        ...(project === undefined ? {} : { [labelKeys.project]: project }),
        [labelKeys.mode]: input.mode,
        [labelKeys.durable]: String(input.durable),
        ...(input.owner === "" ? { [labelKeys.pool]: "true" } : {}),
        [labelKeys.image]: input.image,
        [labelKeys.limits]: JSON.stringify(input.limits),
        [labelKeys.labels]: JSON.stringify(input.labels),
    };
}
/** Reads back what `buildLabels` wrote; undefined for a container that is not a whole Hangar sandbox. */
export function parseLabels(labels) {
    if (!labels)
        return undefined;
    const id = labels[labelKeys.sandbox];
    const instance = labels[labelKeys.instance];
    const mode = labels[labelKeys.mode];
    if (!id || !instance || (mode !== "single-use" && mode !== "persistent"))
        return undefined;
    const limits = parseLimits(labels[labelKeys.limits]);
    const specLabels = parseStringRecord(labels[labelKeys.labels]);
    if (!limits || !specLabels)
        return undefined;
    return {
        id: id,
        instance,
        owner: labels[labelKeys.owner] ?? "",
        mode,
        durable: labels[labelKeys.durable] === "true",
        image: labels[labelKeys.image] ?? "",
        limits,
        labels: specLabels,
    };
}
function parseLimits(text) {
    const value = parseJson(text);
    if (typeof value !== "object" || value === null)
        return undefined;
    const record = value;
    const keys = ["memoryBytes", "pids", "cpuCores", "workspaceBytes", "tmpBytes"];
    if (!keys.every((key) => typeof record[key] === "number" && Number.isFinite(record[key])))
        return undefined;
    return Object.fromEntries(keys.map((key) => [key, record[key]]));
}
function parseStringRecord(text) {
    const value = parseJson(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return undefined;
    const entries = Object.entries(value);
    if (!entries.every(([, entry]) => typeof entry === "string"))
        return undefined;
    return Object.fromEntries(entries);
}
function parseJson(text) {
    if (text === undefined)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=docker-labels.js.map