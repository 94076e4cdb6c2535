import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { assertNoServer } from "../app/server-lock.js";
import { createApp } from "../app/create-app.js";
import { HangarError } from "../core/errors.js";
import { createStore, databaseFileName } from "../store/create-store.js";
import { withCommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
/**
 * Starting the provider on a data directory reaps what it finds there, so the
 * commands that need the provider say so; `ls` reads the store only and is
 * safe next to a running server.
 */
const stopServerFirst = "(stop a server using the same data directory first: its sandboxes would be reaped)";
export function sandboxCommand() {
    const command = new Command("sandbox").description("list and remove the managed sandboxes of this data directory");
    command.addCommand(withCommonOptions(new Command("ls"))
        .description("list sandboxes (every owner's, newest first), reading the store only")
        .option("--owner <owner>", "only this owner's")
        .option("--json", "print JSON lines")
        .action(async (options) => {
        const config = configFromFlags(options);
        const path = join(resolve(config.data_dir), databaseFileName);
        if (!existsSync(path)) {
            process.stdout.write(`no sandboxes: ${path} does not exist\n`);
            return;
        }
        const store = createStore(resolve(config.data_dir));
        try {
            printRecords(await allRecords(store.sandboxes, options.owner), options.json === true);
        }
        finally {
            store.close();
        }
    }));
    command.addCommand(withCommonOptions(new Command("rm"))
        .description(`remove a sandbox and its files ${stopServerFirst}`)
        .argument("<id>", "the sandbox id, as `hangar sandbox ls` shows it")
        .action(async (id, options) => {
        await withApp(configFromFlags({ logLevel: "warn", ...options }, localFlags), async (app) => {
            const record = await app.store.sandboxes.get(id);
            if (record === undefined || record.status === "removed") {
                throw new HangarError("NOT_FOUND", `no sandbox '${id}'`, { field: "id" });
            }
            await app.sandboxService.remove(record.owner, id);
            process.stdout.write(`removed ${id}\n`);
        });
    }));
    command.addCommand(withCommonOptions(new Command("prune"))
        .description(`remove expired sandboxes and forget gone and removed ones ${stopServerFirst}`)
        .action(async (options) => {
        await withApp(configFromFlags({ logLevel: "warn", ...options }, localFlags), async (app) => {
            const { expired, forgotten } = await app.sandboxService.prune();
            process.stdout.write(`expired ${expired}, forgot ${forgotten} gone or removed\n`);
        });
    }));
    return command;
}
/** One-off commands need no warm pool. */
const localFlags = [[["sandbox", "pool_size"], 0]];
async function withApp(config, work) {
    // Starting the provider here would reap a running server's sandboxes.
    assertNoServer(config.data_dir, "use the HTTP API (DELETE /sandboxes/{id})");
    const app = await createApp(config, { skipProbes: true });
    try {
        await work(app);
    }
    finally {
        await app.stop();
    }
}
async function allRecords(records, owner) {
    const page = (after) => owner === undefined ? records.listAll(500, after) : records.listByOwner(owner, 500, after);
    const all = [];
    for (let batch = await page(); batch.length > 0;) {
        all.push(...batch);
        const last = batch.at(-1);
        batch = await page({ createdAt: last.createdAt, id: last.id });
    }
    return all;
}
function printRecords(records, isJson) {
    if (isJson) {
        for (const record of records)
            process.stdout.write(`${JSON.stringify(record)}\n`);
        return;
    }
    if (records.length === 0) {
        process.stdout.write("no sandboxes\n");
        return;
    }
    const rows = records.map((record) => [
        record.id,
        record.owner,
        `${record.userId ?? "-"}/${record.projectId ?? "-"}`,
        record.provider,
        record.status,
        record.lastUsedAt.toISOString(),
        record.goneReason ?? "",
    ]);
    const header = ["ID", "OWNER", "USER/PROJECT", "PROVIDER", "STATUS", "LAST USED", "REASON"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    for (const row of [header, ...rows]) {
        process.stdout.write(`${row
            .map((cell, column) => cell.padEnd(widths[column]))
            .join("  ")
            .trimEnd()}\n`);
    }
}
//# sourceMappingURL=sandbox-command.js.map