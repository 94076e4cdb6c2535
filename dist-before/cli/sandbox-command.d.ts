import { Command } from "commander";
export declare function sandboxCommand(): Command;
