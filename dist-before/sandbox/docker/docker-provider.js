import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import Docker from "dockerode";
import { HangarError, errorMessage } from "../../core/errors.js";
import { newSandboxId } from "../../core/ids.js";
import { sandboxEnvironment } from "../launch-script.js";
import { LaunchScriptProvider } from "../launch-script-provider.js";
import { startContainerReaper } from "./container-reaper.js";
import { canUseWorkspaceImages, createWorkspaceImage, ensureWorkspacesDirectory, mountWorkspaceImage, removeWorkspaceImage, } from "../workspace-image.js";
import { buildContainerSpec, sandboxUser } from "./docker-container-spec.js";
import { describeEndpoint, engineError, hasImage, missingImageError, pingEngine, statusCodeOf, } from "./docker-engine.js";
import { buildLabels, labelKeys } from "./docker-labels.js";
import { DockerSandbox } from "./docker-sandbox.js";
import { listLabelledContainers, removeLabelledContainers, } from "./labelled-containers.js";
import { SandboxContainer } from "./sandbox-container.js";
import { agentMounts } from "../agent-mounts.js";
import { createChannelDirectory, plainChannelNote, removeChannelDirectory } from "../channel-directory.js";
import { exposeReadOnly, mountsBelow, unmount } from "../host-mounts.js";
export const defaultSandboxImage = "hangar-sandbox:latest";
export class DockerProvider extends LaunchScriptProvider {
    options;
    name = "docker";
    instance;
    docker;
    images;
    defaultImage;
    knownImages = new Set();
    notes = [];
    enforcement = { memory: false, pids: false, cpu: false };
    reaper;
    /** Durable workspaces as loop-mounted images in the data directory (root only; tmpfs otherwise). */
    durableDirectory;
    /**
     * Where the images are mounted for the containers to bind: in root's /run, not in the data
     * directory, so removing a data directory never trips over (or descends into) a live mount.
     */
    mountDirectory;
    canMount = canUseWorkspaceImages();
    isRoot = process.getuid?.() === 0;
    /**
     * The channel directories of persistent sandboxes, one per sandbox id, where the engine
     * can bind them: root's /run (each a tmpfs), or the data directory without root. Their
     * paths depend only on the sandbox id, so they survive restarts with the containers.
     */
    channelsDirectory;
    /** Read-only overlays of the agent directories, bound by every container (root only). */
    agentMountsDirectory;
    readOnlyMounts = [];
    constructor(options) {
        super({
            size: options.poolSize ?? 0,
            limits: options.poolLimits,
            // An engine restart ends the keepers parked in pooled containers.
            isUsable: (sandbox) => sandbox.isParked,
            ...(options.onError ? { onError: options.onError } : {}),
        }, options.admission);
        this.options = options;
        const directoryKey = createHash("sha256")
            .update(resolve(options.dataDirectory))
            .digest("hex")
            .slice(0, 12);
        this.instance = options.instance === undefined ? directoryKey : `${directoryKey}-${options.instance}`;
        this.docker = options.docker ?? new Docker();
        this.defaultImage = options.defaultImage ?? defaultSandboxImage;
        this.images = { defaultImage: this.defaultImage, check: (image) => this.requireImage(image) };
        this.durableDirectory = join(resolve(options.workspacesDirectory ?? join(options.dataDirectory, "workspaces")), `docker-${this.instance}`);
        this.mountDirectory = join("/run/hangar", `docker-${this.instance}`);
        this.channelsDirectory = this.isRoot
            ? join("/run/hangar", `docker-${this.instance}-channels`)
            : join(resolve(options.dataDirectory), "channels", `docker-${this.instance}`);
        this.agentMountsDirectory = join("/run/hangar", `docker-${this.instance}-mounts`);
    }
    /** Checks the engine and the default image, and removes what a previous process left that is not durable. */
    async start() {
        await pingEngine(this.docker);
        const info = (await this.docker.info().catch(async (error) => {
            throw await engineError(this.docker, "cannot query the Docker engine", error);
        }));
        this.enforcement = {
            memory: info.MemoryLimit !== false,
            pids: info.PidsLimit !== false,
            cpu: info.CpuCfsQuota !== false,
        };
        if (info.SwapLimit === false) {
            this.noteOnce("the engine cannot limit swap: a sandbox may swap past its memory limit");
        }
        if (process.getuid?.() !== 0) {
            this.noteOnce("not running as root: containers' cgroups are out of reach, so memory_limit and pids_limit " +
                "cannot be told from a crash, and killing a persistent sandbox's command stops the sandbox");
        }
        await this.requireImage(this.defaultImage);
        await this.checkImageLabels(this.defaultImage);
        const durable = new Set();
        for (const entry of await this.listLabelled()) {
            if (entry.labels.durable)
                durable.add(entry.id);
            else
                await this.remove(entry.id).catch((error) => this.report(error));
        }
        if (this.canMount)
            await this.removeOrphanWorkspaces(durable);
        await this.removeOrphanChannels(durable);
        if (this.isRoot)
            await ensureWorkspacesDirectory(this.agentMountsDirectory);
        this.readOnlyMounts = await exposeReadOnly(await agentMounts(this.options.agentDirectories), this.agentMountsDirectory, this.isRoot, this.options.onError);
        // Containers are not children of this process: without the reaper a SIGKILL leaves them running.
        this.reaper = startContainerReaper(await describeEndpoint(this.docker), this.instance);
        this.sandboxes.refillPool();
    }
    get hasDiskWorkspaces() {
        return this.canMount;
    }
    capabilities() {
        return {
            memoryLimit: this.enforcement.memory,
            pidsLimit: this.enforcement.pids,
            cpuLimit: this.enforcement.cpu,
            diskLimit: true,
            network: "none",
            notes: [
                ...this.notes,
                this.canMount
                    ? "durable workspaces are size-limited images in the data directory; other workspaces are tmpfs"
                    : "not running as root: workspaces are tmpfs in RAM; they survive restarts of Hangar, not of the engine",
                ...(this.isRoot ? [] : [plainChannelNote]),
            ],
        };
    }
    async list(filter = {}) {
        const result = [];
        for (const entry of await this.listLabelled()) {
            if (this.sandboxes.isPooled(entry.id))
                continue;
            const live = this.sandboxes.get(entry.id);
            // Labels are fixed at creation; a pooled container's owner is known only here.
            const info = live
                ? live.info(this.name, entry.isRunning)
                : {
                    id: entry.id,
                    provider: this.name,
                    owner: entry.labels.owner,
                    labels: entry.labels.labels,
                    createdAt: entry.createdAt,
                    alive: entry.isRunning && entry.labels.mode === "persistent",
                };
            if (info.owner === "")
                continue;
            if (filter.owner === undefined || info.owner === filter.owner)
                result.push(info);
        }
        return result;
    }
    /** Every container of this instance the engine has, running or not. */
    async listLabelled(extra = {}) {
        return listLabelledContainers(this.docker, this.instance, extra);
    }
    /** Removes a sandbox's container, whoever created it; nothing happens when there is none. */
    async remove(id) {
        const live = this.sandboxes.get(id);
        if (live)
            return live.destroy();
        await removeLabelledContainers(this.docker, this.instance, id);
    }
    /** Ends every sandbox (durable ones keep their containers), then removes this instance's other containers. */
    async stop() {
        this.reaper?.stop();
        await this.sandboxes.stop();
        const leftovers = await this.listLabelled().catch(() => []);
        await Promise.allSettled(leftovers.filter((entry) => !entry.labels.durable).map((entry) => this.remove(entry.id)));
        // Durable containers keep their own copy of these mounts; start() mounts them afresh.
        for (const point of await mountsBelow(this.agentMountsDirectory))
            await unmount(point);
    }
    /** Only the default image is pooled. */
    isPoolable(request) {
        return (request.image ?? this.defaultImage) === this.defaultImage;
    }
    async build(request) {
        const image = request.image ?? this.defaultImage;
        await this.requireImage(image);
        const { owner, labels, limits, durable } = request;
        return this.launch({
            owner,
            labels,
            limits,
            durable,
            image,
            mode: request.singleUse ? "single-use" : "persistent",
        });
    }
    buildPooled(limits) {
        const image = this.defaultImage;
        return this.launch({ owner: "", labels: {}, limits, mode: "single-use", durable: false, image });
    }
    /** A sandbox an earlier process left running, reattached from its container's labels. */
    async revive(id) {
        const entry = (await this.listLabelled({ [labelKeys.sandbox]: id }))[0];
        if (!entry || entry.labels.owner === "")
            return undefined;
        if (!entry.isRunning && entry.labels.durable && existsSync(this.workspaceImage(id))) {
            // Stopped with the engine or the host (a reboot): its workspace image is mounted again first,
            // and its channel made again (/run did not survive a reboot).
            await mountWorkspaceImage(this.workspaceImage(id), this.workspaceMount(id));
            await this.createChannel(id);
            await this.docker
                .getContainer(entry.containerId)
                .start()
                .catch(async (error) => {
                throw await engineError(this.docker, `cannot restart the container of sandbox ${id}`, error);
            });
        }
        const container = await SandboxContainer.reattach(this.docker, this.docker.getContainer(entry.containerId));
        if (!container)
            return undefined;
        // Commands a crashed process left running do not survive it; the files do.
        await container.cgroups?.reapSpawnGroups();
        return this.wrap(entry.labels, container, entry.labels.mode === "single-use");
    }
    async launch(input) {
        const id = newSandboxId();
        const labels = { ...input, id, instance: this.instance };
        const hasImageWorkspace = input.durable && this.canMount;
        const hasChannel = input.mode === "persistent";
        if (hasChannel) {
            await this.createChannel(id).catch(async (error) => {
                await removeChannelDirectory(this.channelDirectory(id));
                throw new HangarError("SANDBOX_ERROR", `cannot create the channel of ${id}: ${errorMessage(error)}`);
            });
        }
        if (hasImageWorkspace) {
            const uid = Number(sandboxUser.split(":")[0]);
            await createWorkspaceImage(this.workspaceImage(id), this.workspaceMount(id), input.limits.workspaceBytes, uid).catch(async (error) => {
                await this.removeWorkspace(id);
                if (hasChannel)
                    await removeChannelDirectory(this.channelDirectory(id));
                throw new HangarError("SANDBOX_ERROR", `cannot create the workspace of ${id}: ${errorMessage(error)}`);
            });
        }
        const spec = buildContainerSpec({
            name: `hangar-${id}`,
            image: input.image,
            limits: input.limits,
            mode: input.mode,
            labels: buildLabels(labels),
            environment: sandboxEnvironment(),
            openFiles: 1024,
            ...(hasImageWorkspace ? { workspaceSource: this.workspaceMount(id) } : {}),
            ...(hasChannel ? { channelSource: this.channelDirectory(id) } : {}),
            readOnlyMounts: this.readOnlyMounts,
            areSourcesReadOnlyMounts: this.isRoot,
        });
        let container;
        try {
            container = await SandboxContainer.launch(this.docker, spec);
        }
        catch (error) {
            if (hasImageWorkspace)
                await this.removeWorkspace(id);
            if (hasChannel)
                await removeChannelDirectory(this.channelDirectory(id));
            // The image was there when first checked; it may have been removed since.
            if (error instanceof HangarError && statusCodeOf(error.cause) === 404) {
                this.knownImages.delete(input.image);
                throw missingImageError(input.image, input.image === this.defaultImage, await describeEndpoint(this.docker));
            }
            throw error;
        }
        if (container.cgroups === undefined && process.getuid?.() === 0) {
            this.noteOnce("the containers' cgroups are not visible from here (another host or cgroup namespace?)");
        }
        return this.wrap(labels, container, false);
    }
    wrap(labels, container, isSpent) {
        const hasChannel = labels.mode === "persistent";
        return new DockerSandbox({
            labels,
            container,
            isSpent,
            ...(hasChannel ? { channelDirectory: this.channelDirectory(labels.id) } : {}),
            release: async () => {
                try {
                    if (labels.durable && this.canMount)
                        await this.removeWorkspace(labels.id);
                    if (hasChannel)
                        await removeChannelDirectory(this.channelDirectory(labels.id));
                }
                finally {
                    this.sandboxes.release(labels.id);
                }
            },
            ...(this.options.onError ? { onError: this.options.onError } : {}),
        });
    }
    workspaceImage(id) {
        return join(this.durableDirectory, `${id}.img`);
    }
    /** Where the host mounts a durable workspace; the container binds it at /workspace. */
    workspaceMount(id) {
        return join(this.mountDirectory, id);
    }
    async removeWorkspace(id) {
        await removeWorkspaceImage(this.workspaceImage(id), this.workspaceMount(id));
        await rm(this.workspaceMount(id), { recursive: true, force: true });
    }
    channelDirectory(id) {
        return join(this.channelsDirectory, id);
    }
    /** A tmpfs (root) owned by the container's user; idempotent, so a revived sandbox keeps its sockets. */
    createChannel(id) {
        return createChannelDirectory(this.channelDirectory(id), {
            uid: Number(sandboxUser.split(":")[0]),
            canMount: this.isRoot,
        });
    }
    /** Channels whose container is gone: unmounted and removed, never descended into while mounted. */
    async removeOrphanChannels(durable) {
        await ensureWorkspacesDirectory(this.channelsDirectory);
        for (const id of await readdir(this.channelsDirectory)) {
            if (durable.has(id))
                continue;
            await removeChannelDirectory(this.channelDirectory(id)).catch((error) => this.report(error));
        }
    }
    /** Images whose container is gone (a crash between the two, or a removal behind Hangar's back). */
    async removeOrphanWorkspaces(durable) {
        await ensureWorkspacesDirectory(this.durableDirectory);
        await ensureWorkspacesDirectory(this.mountDirectory);
        const names = [...(await readdir(this.durableDirectory)), ...(await readdir(this.mountDirectory))];
        for (const id of new Set(names.map((name) => name.replace(/\.img$/, "")))) {
            if (!durable.has(id))
                await this.removeWorkspace(id).catch((error) => this.report(error));
        }
    }
    async requireImage(image) {
        if (this.knownImages.has(image))
            return;
        if (!(await hasImage(this.docker, image))) {
            throw missingImageError(image, image === this.defaultImage, await describeEndpoint(this.docker));
        }
        this.knownImages.add(image);
    }
    async checkImageLabels(image) {
        const required = Object.entries(this.options.requiredImageLabels ?? {});
        if (required.length === 0)
            return;
        const info = await this.docker
            .getImage(image)
            .inspect()
            .catch(async (error) => {
            throw await engineError(this.docker, `cannot inspect image ${image}`, error);
        });
        const labels = info.Config?.Labels ?? {};
        const wrong = required.filter(([key, value]) => labels[key] !== value);
        if (wrong.length === 0)
            return;
        const found = wrong.map(([key, value]) => `${key}=${labels[key] ?? "(none)"}, this Hangar needs ${value}`);
        throw new HangarError("ISOLATION_UNAVAILABLE", `the sandbox image ${image} was built by another version of Hangar (${found.join("; ")}): ` +
            `rebuild it with  hangar image build --tag ${image}`, { details: { image } });
    }
    noteOnce(note) {
        if (!this.notes.includes(note))
            this.notes.push(note);
    }
    report(error, what = "docker provider") {
        this.options.onError?.(`${what}: ${errorMessage(error)}`);
    }
}
//# sourceMappingURL=docker-provider.js.map