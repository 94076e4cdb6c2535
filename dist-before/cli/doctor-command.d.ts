import { Command } from "commander";
/** Probes the sandbox for real and says exactly what is and is not enforced on this host. */
export declare function doctorCommand(): Command;
