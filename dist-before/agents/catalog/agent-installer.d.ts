import { HangarError } from "../../core/errors.js";
import type { AgentDefinition } from "./agent-catalog.js";
/**
 * Installs external agents into `agents.directory`:
 *
 *   <directory>/<id>/                 an npm prefix holding the pinned package
 *   <directory>/<id>/hangar-agent.json  what was installed (the runner reads it too)
 *   <directory>/bin/node              a copy of this host's node, so sandboxes whose image
 *                                     has another node (or none) run the agents the same way
 *
 * Every install builds in a temporary directory beside the final one and renames it into
 * place, so an interrupted install leaves no half agent: only a `.install.<id>.*` directory
 * that the next install of the same agent removes.
 */
export interface InstalledAgent {
    agent_id: string;
    package: string;
    version: string;
    /** Path inside the install directory (its `{{arch}}` filled in). */
    command: string;
    /** Whether the command is run by `bin/node`. */
    node: boolean;
    installed_at: string;
}
export declare const installRecordName = "hangar-agent.json";
export interface InstallOptions {
    /** `agents.directory`. */
    directory: string;
    /** One line per step and per package npm fetches. */
    onProgress?: (line: string) => void;
    /** The npm to run; `npm` on PATH by default. */
    npmCommand?: string;
    signal?: AbortSignal;
}
/** The HangarError a session raises for an agent that is not (or not in this version) installed. */
export declare function agentNotInstalled(name: string, installedVersion?: string): HangarError;
/** The install record of an agent, or undefined when none is installed. */
export declare function readInstalledAgent(directory: string, id: string): Promise<InstalledAgent | undefined>;
/**
 * Throws `agentNotInstalled` unless the agent's pinned version is installed. Agents
 * without a package (custom ones already in the sandbox image) need nothing installed.
 */
export declare function requireInstalled(definition: AgentDefinition, directory: string): Promise<void>;
export declare function installAgent(definition: AgentDefinition, options: InstallOptions): Promise<InstalledAgent>;
/** Removes an installed agent; false when there was nothing to remove. */
export declare function uninstallAgent(directory: string, id: string): Promise<boolean>;
/** Copies this host's node to `<directory>/bin/node` unless that copy is already this version. */
/**
 * Copies this host's node to `<directory>/bin/node` unless the same one is there: the
 * agent runner and node-based agents run on it in every sandbox, whatever the image has.
 */
export declare function installNode(directory: string, progress?: (line: string) => void): Promise<void>;
