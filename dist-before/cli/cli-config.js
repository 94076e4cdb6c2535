import { loadConfig, setPath } from "../config/load-config.js";
/** Turns parsed flags into the config's flag layer (highest precedence) and loads the config. */
export function configFromFlags(options, flags = []) {
    const tree = {};
    const flagNames = {};
    const all = [
        [["data_dir"], options.dataDir, "--data-dir"],
        [["log", "level"], options.logLevel, "--log-level"],
        [["log", "format"], options.logFormat, "--log-format"],
        ...flags,
    ];
    for (const [path, value, flag] of all) {
        if (value === undefined)
            continue;
        setPath(tree, path, value);
        if (flag !== undefined)
            flagNames[path.join(".")] = flag;
    }
    return loadConfig({
        ...(options.config === undefined ? {} : { configPath: options.config }),
        flags: tree,
        flagNames,
    });
}
//# sourceMappingURL=cli-config.js.map