import { existsSync } from "node:fs";
import { join } from "node:path";
import { HangarError, errorMessage } from "../core/errors.js";
/**
 * Loads `.env` from the working directory into the environment, as
 * Coderunner does, so HANGAR_*, PORT and the model providers' keys can live
 * there. A variable already set wins over the file (Node's own rule for
 * `process.loadEnvFile`). Resolves with the file loaded, or undefined when
 * there is none.
 */
export function loadDotEnvFile(workingDirectory = process.cwd()) {
    const path = join(workingDirectory, ".env");
    if (!existsSync(path))
        return undefined;
    try {
        process.loadEnvFile(path);
    }
    catch (error) {
        throw new HangarError("CONFIG_INVALID", `cannot read ${path}: ${errorMessage(error)}`, { field: ".env" });
    }
    return path;
}
//# sourceMappingURL=dotenv-file.js.map