import { Command } from "commander";
export declare function configCommand(): Command;
