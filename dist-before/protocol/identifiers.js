import { z } from "zod";
import { userIdPattern } from "../core/ids.js";
/** Ids a caller chooses (projects, users, run sessions): bounded and plain, so safe in paths and logs. */
export const identifierSchema = z
    .string()
    .regex(userIdPattern, "must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
//# sourceMappingURL=identifiers.js.map