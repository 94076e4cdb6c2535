import type Docker from "dockerode";
import type { SandboxId } from "../../core/ids.js";
import { type SandboxLabels } from "./docker-labels.js";
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
export declare function listLabelledContainers(docker: Docker, instance: string, extra?: Record<string, string>): Promise<LabelledContainer[]>;
/** Force-removes a sandbox's containers (every process in them dies); none is fine. */
export declare function removeLabelledContainers(docker: Docker, instance: string, id: SandboxId): Promise<void>;
