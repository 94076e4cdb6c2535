/**
 * The system calls no sandbox may make, whichever provider runs it: kernel
 * attack surface that no program run for a user needs (kernel keyrings, bpf,
 * io_uring, userfaultfd, perf events, the mount API, module loading, kexec,
 * namespace changes). Denied with EPERM. bubblewrap compiles it into a BPF
 * filter by number (`bwrap/seccomp-filter.ts`); Docker hands the names to the
 * engine (`docker/seccomp-profile.ts`).
 *
 * Names with their x86_64 numbers (arch/x86/entry/syscalls/syscall_64.tbl).
 */
export declare const deniedSyscalls: Record<string, number>;
