import { z } from "zod";
/** Ids a caller chooses (projects, users, run sessions): bounded and plain, so safe in paths and logs. */
export declare const identifierSchema: z.ZodString;
