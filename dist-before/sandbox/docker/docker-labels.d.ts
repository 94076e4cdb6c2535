import type { SandboxId } from "../../core/ids.js";
import type { SandboxLimits } from "../sandbox-port.js";
/**
 * Container labels: the only state a Docker sandbox has outside the engine,
 * so that a new Hangar process can list its sandboxes and rebuild one from
 * its container (`find` after a restart). Pure.
 */
export declare const labelKeys: {
    readonly sandbox: "hangar.sandbox";
    readonly instance: "hangar.instance";
    readonly owner: "hangar.owner";
    readonly project: "hangar.project";
    readonly mode: "hangar.mode";
    readonly durable: "hangar.durable";
    readonly pool: "hangar.pool";
    readonly image: "hangar.image";
    readonly limits: "hangar.limits";
    readonly labels: "hangar.labels";
};
export type SandboxMode = "single-use" | "persistent";
export interface SandboxLabels {
    id: SandboxId;
    instance: string;
    /** Empty while the container waits in the warm pool. */
    owner: string;
    mode: SandboxMode;
    durable: boolean;
    image: string;
    limits: SandboxLimits;
    /** The spec's labels, exactly. */
    labels: Record<string, string>;
}
export declare function buildLabels(input: SandboxLabels): Record<string, string>;
/** Reads back what `buildLabels` wrote; undefined for a container that is not a whole Hangar sandbox. */
export declare function parseLabels(labels: Record<string, string> | undefined): SandboxLabels | undefined;
