import { existsSync } from "node:fs";
import { chown, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createChannelDirectory, removeChannelDirectory } from "../channel-directory.js";
import { isMountPoint, mountsBelow, mountTmpfs, unmount } from "../host-mounts.js";
import { createWorkspaceImage, mountWorkspaceImage, removeWorkspaceImage } from "../workspace-image.js";
/** Mount options of a size-limited tmpfs only the sandbox's host uid may enter. */
function privateTmpfs(bytes, uid) {
    return `size=${bytes},mode=0700,uid=${uid},gid=${uid},nosuid,nodev`;
}
/** The paths of a sandbox's volume; nothing is created. */
export function volumePaths(options) {
    const isSizeLimited = options.canMount && options.uid !== undefined;
    const plainDurable = join(options.durableDirectory, options.id);
    return {
        workspace: options.isDurable && !isSizeLimited ? plainDurable : join(options.directory, "workspace"),
        tmp: join(options.directory, "tmp"),
        channel: join(options.directory, "channel"),
        isSizeLimited,
        ...(options.isDurable
            ? {
                durableWorkspace: isSizeLimited
                    ? join(options.durableDirectory, `${options.id}.img`)
                    : plainDurable,
            }
            : {}),
    };
}
export async function createVolume(options) {
    const volume = volumePaths(options);
    // The sandbox's host uid must be able to traverse down to the mount points.
    await mkdir(options.directory, { recursive: true, mode: 0o711 });
    await mkdir(volume.workspace, { mode: 0o700 });
    await mkdir(volume.tmp, { mode: 0o700 });
    if (volume.isSizeLimited) {
        const uid = options.uid;
        if (volume.durableWorkspace) {
            await createWorkspaceImage(volume.durableWorkspace, volume.workspace, options.workspaceBytes, uid);
        }
        else {
            await mountTmpfs(volume.workspace, privateTmpfs(options.workspaceBytes, uid));
        }
        await mountTmpfs(volume.tmp, privateTmpfs(options.tmpBytes, uid));
    }
    else if (options.uid !== undefined) {
        await chown(volume.workspace, options.uid, options.uid);
        await chown(volume.tmp, options.uid, options.uid);
    }
    await createChannel(volume, options);
    return volume;
}
function createChannel(volume, options) {
    return createChannelDirectory(volume.channel, {
        canMount: options.canMount,
        ...(options.uid === undefined ? {} : { uid: options.uid }),
    });
}
/**
 * The storage of a durable sandbox created by an earlier Hangar process. After
 * a restart its mounts are still there; after a reboot (or a start that found
 * nothing mounted) the workspace image is mounted again and /tmp and the channel are fresh tmpfs.
 */
export async function reopenVolume(options) {
    const volume = volumePaths(options);
    await mkdir(options.directory, { recursive: true, mode: 0o711 });
    await mkdir(volume.tmp, { recursive: true, mode: 0o700 });
    await mkdir(volume.workspace, { recursive: true, mode: 0o700 });
    if (volume.isSizeLimited) {
        const uid = options.uid;
        if (volume.durableWorkspace)
            await mountWorkspaceImage(volume.durableWorkspace, volume.workspace);
        else if (!(await isMountPoint(volume.workspace))) {
            await mountTmpfs(volume.workspace, privateTmpfs(options.workspaceBytes, uid));
        }
        if (!(await isMountPoint(volume.tmp)))
            await mountTmpfs(volume.tmp, privateTmpfs(options.tmpBytes, uid));
    }
    else if (options.uid !== undefined) {
        await chown(volume.tmp, options.uid, options.uid);
    }
    await createChannel(volume, options);
    return volume;
}
export async function removeVolume(directory, volume) {
    if (volume)
        await removeChannelDirectory(volume.channel);
    if (volume?.isSizeLimited) {
        await unmount(volume.tmp);
        if (volume.durableWorkspace)
            await removeWorkspaceImage(volume.durableWorkspace, volume.workspace);
        else
            await unmount(volume.workspace);
    }
    else if (volume?.durableWorkspace) {
        await rm(volume.durableWorkspace, { recursive: true, force: true });
    }
    // fs.rm never follows symlinks: it unlinks them.
    await rm(directory, { recursive: true, force: true });
}
const recordSuffix = ".json";
/** Where a Hangar that kept durable workspaces on tmpfs kept their records: beside the volume. */
const legacyRecordFile = "sandbox.json";
/**
 * Moves the records of durable sandboxes an older Hangar kept in the runtime
 * directory to `durableDirectory`, marked as tmpfs workspaces: their files
 * stay where they are (still mounted, unless the host rebooted) instead of
 * being reaped as leftovers.
 */
export async function adoptLegacyRecords(volumesDirectory, durableDirectory) {
    for (const entry of await readdir(volumesDirectory).catch(() => [])) {
        const path = join(volumesDirectory, entry, legacyRecordFile);
        try {
            const record = JSON.parse(await readFile(path, "utf8"));
            if (record.id !== entry)
                continue;
            await writeDurableRecord(durableDirectory, { ...record, workspaceOnTmpfs: true });
            await rm(path, { force: true });
        }
        catch {
            // not durable, or unreadable: reaped like any leftover
        }
    }
}
export async function writeDurableRecord(durableDirectory, record) {
    await writeFile(join(durableDirectory, `${record.id}${recordSuffix}`), JSON.stringify(record), {
        mode: 0o600,
    });
}
export async function removeDurableRecord(durableDirectory, id) {
    await rm(join(durableDirectory, `${id}${recordSuffix}`), { force: true });
}
export async function readDurableRecords(durableDirectory) {
    const entries = await readdir(durableDirectory).catch(() => []);
    const records = [];
    for (const entry of entries.filter((name) => name.endsWith(recordSuffix))) {
        try {
            const record = JSON.parse(await readFile(join(durableDirectory, entry), "utf8"));
            if (`${record.id}${recordSuffix}` === entry)
                records.push(record);
        }
        catch {
            // unreadable: its sandbox is not revived
        }
    }
    return records;
}
/**
 * Unmounts and removes what a previous process with the same runtime directory
 * left behind, except the volumes of durable sandboxes (`keep`: their ids),
 * which keep their mounts until they are revived.
 */
export async function reapRuntimeDirectory(runtimeDirectory, volumesDirectory, keepIds) {
    if (!existsSync(runtimeDirectory))
        return;
    const keep = new Set(keepIds.map((id) => join(volumesDirectory, id)));
    const isKept = (path) => [...keep].some((kept) => path === kept || path.startsWith(`${kept}/`));
    for (const point of await mountsBelow(runtimeDirectory))
        if (!isKept(point))
            await unmount(point);
    if (keep.size === 0) {
        await rm(runtimeDirectory, { recursive: true, force: true });
        return;
    }
    for (const entry of await readdir(runtimeDirectory)) {
        if (join(runtimeDirectory, entry) !== volumesDirectory) {
            await rm(join(runtimeDirectory, entry), { recursive: true, force: true });
        }
    }
    for (const entry of await readdir(volumesDirectory).catch(() => [])) {
        const path = join(volumesDirectory, entry);
        if (!keep.has(path))
            await rm(path, { recursive: true, force: true });
    }
}
//# sourceMappingURL=sandbox-volume.js.map