import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { configSchema } from "../config/config-schema.js";
/** `data_dir`'s default (`.hangar`), read from the schema so the two cannot drift. */
const defaultDataDirectory = configSchema.parse({}).data_dir;
/**
 * A one-off command (`hangar run`, `hangar doctor`) must not leave `.hangar/` in
 * whatever directory it was started from. It uses the data directory when one
 * exists or the user chose one (--data-dir, HANGAR_DATA_DIR, hangar.toml), and
 * otherwise a temporary one, removed when the command ends.
 */
export async function withOneOffDataDirectory(config, work) {
    if (config.data_dir !== defaultDataDirectory || existsSync(resolve(config.data_dir)))
        return work(config);
    const temporary = await mkdtemp(join(tmpdir(), "hangar-one-off-data-"));
    try {
        return await work({ ...config, data_dir: temporary });
    }
    finally {
        await rm(temporary, { recursive: true, force: true });
    }
}
//# sourceMappingURL=one-off-data-directory.js.map