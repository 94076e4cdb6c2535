import Docker from "dockerode";
import { errorMessage } from "../core/errors.js";

/** What `hangar doctor` says about the Docker provider: the engine, and the image. */
export interface DockerStatus {
  engine: string;
  reachable: boolean;
  version?: string;
  image: string;
  imagePresent: boolean;
  detail: string;
}

export async function dockerStatus(image: string): Promise<DockerStatus> {
  const engine = process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  const docker = new Docker();
  try {
    const version = await docker.version();
    const imagePresent = await docker
      .getImage(image)
      .inspect()
      .then(() => true)
      .catch(() => false);
    return {
      engine,
      reachable: true,
      version: version.Version,
      image,
      imagePresent,
      detail: imagePresent
        ? `engine ${version.Version} at ${engine}; image ${image} present`
        : `engine ${version.Version} at ${engine}; image ${image} missing: run  hangar image build`,
    };
  } catch (error) {
    return {
      engine,
      reachable: false,
      image,
      imagePresent: false,
      detail: `no Docker engine at ${engine} (${errorMessage(error)}); start one with  sudo scripts/docker-engine.sh start  and export DOCKER_HOST`,
    };
  }
}
