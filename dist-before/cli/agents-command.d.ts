import { Command } from "commander";
/** `hangar agents ls|install|uninstall`: the external ACP agents and their installs in `agents.directory`. */
export declare function agentsCommand(): Command;
