import { deniedSyscalls } from "../seccomp-policy.js";
/**
 * The seccomp profile of every sandbox container, in the engine's JSON format.
 *
 * Why not the engine's default profile: it still lets io_uring through on
 * current engines, and a SecurityOpt can name only one profile. So containers
 * get the provider-neutral deny list (`seccomp-policy.ts`, EPERM), plus what
 * the default profile did that capabilities alone do not: no user namespaces
 * (`clone` with CLONE_NEWUSER; `clone3`, whose flags a filter cannot read, says
 * ENOSYS so libc falls back to `clone`). Every capability is dropped as well, so
 * the rest of the default profile's list is refused by the kernel anyway.
 * Architectures not listed (i386, x32) are killed by the filter's bad-arch action.
 */
const permissionDenied = 1; // EPERM
const notImplemented = 38; // ENOSYS
const cloneNewUser = 0x10000000;
export function seccompProfile(architecture = process.arch) {
    return {
        defaultAction: "SCMP_ACT_ALLOW",
        architectures: architecture === "arm64" ? ["SCMP_ARCH_AARCH64"] : ["SCMP_ARCH_X86_64"],
        syscalls: [
            // Names, not numbers: the engine resolves them for the host's architecture and skips unknown ones.
            { names: Object.keys(deniedSyscalls), action: "SCMP_ACT_ERRNO", errnoRet: permissionDenied },
            { names: ["clone3"], action: "SCMP_ACT_ERRNO", errnoRet: notImplemented },
            {
                names: ["clone"],
                action: "SCMP_ACT_ERRNO",
                errnoRet: permissionDenied,
                args: [{ index: 0, value: cloneNewUser, valueTwo: cloneNewUser, op: "SCMP_CMP_MASKED_EQ" }],
            },
        ],
    };
}
//# sourceMappingURL=seccomp-profile.js.map