import { Command } from "commander";
export declare function taskCommand(): Command;
