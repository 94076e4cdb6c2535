import { HangarError } from "../core/errors.js";
import { assertSafeBinding } from "../server/auth.js";
import { createApp } from "./create-app.js";
import { acquireServerLock } from "./server-lock.js";
/**
 * The one start-up order of a server: refuse an unsafe binding before spending
 * seconds on probes; claim the data directory (start-up reconciles and reaps
 * what is there, so only its owner may); build the app; listen; and only then
 * resume the agent sessions a previous run left active, so watchers can connect.
 */
export async function startServer(config, options = {}) {
    assertSafeBinding(config.server.host, config.server.api_keys);
    const releaseLock = claimDataDirectory(config.data_dir, options.whenTaken);
    let app;
    try {
        app = await createApp(config, {
            ...(options.logger === undefined ? {} : { logger: options.logger }),
            ...(options.skipProbes === undefined ? {} : { skipProbes: options.skipProbes }),
        });
    }
    catch (error) {
        releaseLock();
        throw error;
    }
    let http;
    try {
        http = await app.createHttpServer();
        await http.listen({ port: config.server.port, host: config.server.host });
    }
    catch (error) {
        await app.stop();
        releaseLock();
        throw error;
    }
    await app.startAgents();
    const address = http.server.address();
    const port = typeof address === "object" && address !== null ? address.port : config.server.port;
    const host = config.server.host.includes(":") ? `[${config.server.host}]` : config.server.host;
    let stopped;
    return {
        app,
        http,
        url: `http://${host}:${port}`,
        stop: (graceMs = 0) => {
            stopped ??= (async () => {
                // Idle keep-alive connections would hold close() open: give requests a moment, then cut them.
                const cut = setTimeout(() => http.server.closeAllConnections(), graceMs);
                cut.unref();
                await http.close();
                clearTimeout(cut);
                await app.stop();
                releaseLock();
            })();
            return stopped;
        },
    };
}
function claimDataDirectory(dataDirectory, whenTaken) {
    try {
        return acquireServerLock(dataDirectory);
    }
    catch (error) {
        if (whenTaken === undefined || !(error instanceof HangarError))
            throw error;
        throw new HangarError(error.code, `${error.message}, or ${whenTaken.alternative}`, {
            field: whenTaken.field,
        });
    }
}
//# sourceMappingURL=start-server.js.map