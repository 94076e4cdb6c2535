import { getuid } from "node:process";
import { join, resolve } from "node:path";
import { Command } from "commander";
import Docker from "dockerode";
import { buildImage } from "../images/image-builder.js";
import { defaultImageTag, defaultRecipe, recipeLabel } from "../images/image-recipe.js";
import { kernelScriptsHash, readKernelScripts } from "../runs/kernel-client.js";
import { kernelMountPoint } from "../runs/notebooks.js";
import { pingEngine } from "../sandbox/docker/docker-engine.js";
import { withCommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
/** `hangar image build|ls`: the sandbox image, built locally (no registry needed). */
export function imageCommand() {
    const image = new Command("image").description("build and list Docker sandbox images");
    image.addCommand(withCommonOptions(new Command("build"))
        .description("build the default sandbox image (Debian minbase + toolchains) and cache it")
        .option("-t, --tag <tag>", "image tag", defaultImageTag)
        .option("--mirror <url>", "Debian mirror (default: the one apt uses on this host)")
        .option("--force", "rebuild even when the image is up to date")
        .option("--package <name...>", "extra Debian packages to include", [])
        .action(async (options) => {
        const config = configFromFlags(options);
        // The rootfs is large; root keeps it in the system cache so every data directory shares it.
        const cacheDirectory = getuid?.() === 0 ? "/var/cache/hangar/images" : join(resolve(config.data_dir), "image-cache");
        const docker = new Docker();
        await pingEngine(docker);
        await buildImage({
            docker,
            recipe: defaultRecipe(options.package, kernelImageFiles()),
            tag: options.tag,
            cacheDirectory,
            ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
            ...(options.force === undefined ? {} : { force: options.force }),
            log: (line) => process.stderr.write(`image: ${line}\n`),
        });
    }));
    image.addCommand(new Command("ls").description("list Hangar sandbox images").action(async () => {
        const docker = new Docker();
        await pingEngine(docker);
        const images = await docker.listImages({ filters: JSON.stringify({ label: [recipeLabel] }) });
        for (const entry of images) {
            const tags = (entry.RepoTags ?? ["<none>"]).join(", ");
            const size = `${Math.round(entry.Size / 1024 / 1024)} MiB`;
            const created = new Date(entry.Created * 1000).toISOString();
            process.stdout.write(`${tags.padEnd(32)} ${size.padStart(10)}  ${created}  recipe ${entry.Labels?.[recipeLabel] ?? "?"}\n`);
        }
        if (images.length === 0)
            process.stdout.write("no Hangar images yet: run  hangar image build\n");
    }));
    return image;
}
/** The session kernels, at the path bwrap mounts them, so a session starts them the same way on both providers. */
function kernelImageFiles() {
    const scripts = readKernelScripts();
    return {
        files: scripts.map((script) => ({ path: `${kernelMountPoint}/${script.name}`, content: script.content })),
        hash: kernelScriptsHash(scripts),
    };
}
//# sourceMappingURL=image-command.js.map