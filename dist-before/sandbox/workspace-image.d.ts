/** Loop mounts need root and mkfs.ext4; without them durable workspaces are plain directories. */
export declare function canUseWorkspaceImages(): boolean;
/**
 * Makes `directory` (images and records live in it) 0700 and Hangar's own,
 * creating its parents; refuses a symlink or a directory of another user,
 * which could swap an image under a mount.
 */
export declare function ensureWorkspacesDirectory(directory: string): Promise<void>;
/**
 * Creates the image (sparse: only what is written takes disk space) and
 * mounts it at `mountPoint`, its root owned by `uid` with mode 0700.
 */
export declare function createWorkspaceImage(imagePath: string, mountPoint: string, bytes: number, uid: number): Promise<void>;
/** Mounts an existing image (again, after a restart or a reboot); nothing when it already is. */
export declare function mountWorkspaceImage(imagePath: string, mountPoint: string): Promise<void>;
/**
 * Unmounts; the loop device detaches itself once the last user (a sandbox
 * still running in its own mount namespace) lets go, as `mount -o loop` sets autoclear.
 */
export declare function unmountWorkspace(mountPoint: string): Promise<void>;
export declare function removeWorkspaceImage(imagePath: string, mountPoint: string): Promise<void>;
