import { Command } from "commander";
/**
 * The languages the configured provider can run: the host's toolchains for
 * bwrap, the image's for Docker (probed in one short-lived container).
 */
export declare function languagesCommand(): Command;
