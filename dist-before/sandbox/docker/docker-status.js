import Docker from "dockerode";
import { errorMessage } from "../../core/errors.js";
import { describeEndpoint, hasImage } from "./docker-engine.js";
export async function dockerStatus(image, docker = new Docker()) {
    const engine = await describeEndpoint(docker);
    try {
        const { Version: version } = await docker.version();
        const imagePresent = await hasImage(docker, image);
        const where = `engine ${version} at ${engine}`;
        return {
            ok: imagePresent,
            engine,
            reachable: true,
            version,
            image,
            imagePresent,
            detail: imagePresent
                ? `${where}; image ${image} present`
                : `${where}; image ${image} missing: run  hangar image build`,
        };
    }
    catch (error) {
        return {
            ok: false,
            engine,
            reachable: false,
            image,
            imagePresent: false,
            detail: `no Docker engine at ${engine} (${errorMessage(error)}); start one with  sudo scripts/docker-engine.sh start  and export DOCKER_HOST`,
        };
    }
}
//# sourceMappingURL=docker-status.js.map