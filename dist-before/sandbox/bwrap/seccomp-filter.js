import { deniedSyscalls } from "../seccomp-policy.js";
/**
 * The seccomp policy (`seccomp-policy.ts`) as a filter for every bubblewrap
 * sandbox, built here as classic BPF (no libseccomp needed) and handed to
 * bubblewrap with `--seccomp`. Denied system calls get EPERM. Other
 * architectures' system-call ABIs (x32, i386) are refused outright.
 */
const auditArchX86_64 = 0xc000003e;
const x32SyscallBit = 0x40000000;
// Classic BPF opcodes (linux/filter.h) and seccomp return values (linux/seccomp.h).
const loadWordAbsolute = 0x20; // BPF_LD | BPF_W | BPF_ABS
const jumpIfEqual = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
const jumpIfGreaterOrEqual = 0x35; // BPF_JMP | BPF_JGE | BPF_K
const returnConstant = 0x06; // BPF_RET | BPF_K
const returnAllow = 0x7fff0000;
const returnKillProcess = 0x80000000;
const returnErrnoPermission = 0x00050000 | 1; // SECCOMP_RET_ERRNO | EPERM
// Offsets in struct seccomp_data.
const syscallNumberOffset = 0;
const architectureOffset = 4;
export function buildSeccompFilter(denied = Object.values(deniedSyscalls)) {
    const program = [
        { code: loadWordAbsolute, jumpTrue: 0, jumpFalse: 0, value: architectureOffset },
        { code: jumpIfEqual, jumpTrue: 1, jumpFalse: 0, value: auditArchX86_64 },
        { code: returnConstant, jumpTrue: 0, jumpFalse: 0, value: returnKillProcess },
        { code: loadWordAbsolute, jumpTrue: 0, jumpFalse: 0, value: syscallNumberOffset },
        // The x32 ABI reaches the same kernel code under other numbers: refuse all of it.
        { code: jumpIfGreaterOrEqual, jumpTrue: denied.length + 1, jumpFalse: 0, value: x32SyscallBit },
    ];
    // Each denied number jumps forward to the EPERM return after the final ALLOW.
    denied.forEach((number, index) => {
        program.push({ code: jumpIfEqual, jumpTrue: denied.length - index, jumpFalse: 0, value: number });
    });
    program.push({ code: returnConstant, jumpTrue: 0, jumpFalse: 0, value: returnAllow });
    program.push({ code: returnConstant, jumpTrue: 0, jumpFalse: 0, value: returnErrnoPermission });
    const buffer = Buffer.alloc(program.length * 8);
    program.forEach((instruction, index) => {
        buffer.writeUInt16LE(instruction.code, index * 8);
        buffer.writeUInt8(instruction.jumpTrue, index * 8 + 2);
        buffer.writeUInt8(instruction.jumpFalse, index * 8 + 3);
        buffer.writeUInt32LE(instruction.value >>> 0, index * 8 + 4);
    });
    return buffer;
}
/** Whether this host can use the filter: x86_64 only, for now. */
export function isSeccompSupported() {
    return process.arch === "x64";
}
//# sourceMappingURL=seccomp-filter.js.map