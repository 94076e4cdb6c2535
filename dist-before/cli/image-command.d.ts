import { Command } from "commander";
/** `hangar image build|ls`: the sandbox image, built locally (no registry needed). */
export declare function imageCommand(): Command;
