/**
 * A seccomp filter for every sandboxed process, built here as classic BPF
 * (no libseccomp needed) and handed to bubblewrap with `--seccomp`. It denies
 * with EPERM the system calls that are kernel attack surface and that no
 * program run for a user needs: kernel keyrings, bpf, io_uring, userfaultfd,
 * perf events, the mount API, module loading, kexec, namespace changes. Other
 * architectures' system-call ABIs (x32, i386) are refused outright.
 */
const auditArchX86_64 = 0xc000003e;
const x32SyscallBit = 0x40000000;

/** x86_64 system-call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
export const deniedSyscalls: Record<string, number> = {
  syslog: 103,
  uselib: 134,
  vhangup: 153,
  pivot_root: 155,
  _sysctl: 156,
  adjtimex: 159,
  acct: 163,
  settimeofday: 164,
  mount: 165,
  umount2: 166,
  swapon: 167,
  swapoff: 168,
  reboot: 169,
  sethostname: 170,
  setdomainname: 171,
  iopl: 172,
  ioperm: 173,
  create_module: 174,
  init_module: 175,
  delete_module: 176,
  get_kernel_syms: 177,
  query_module: 178,
  quotactl: 179,
  nfsservctl: 180,
  lookup_dcookie: 212,
  clock_settime: 227,
  kexec_load: 246,
  add_key: 248,
  request_key: 249,
  keyctl: 250,
  unshare: 272,
  perf_event_open: 298,
  name_to_handle_at: 303,
  open_by_handle_at: 304,
  clock_adjtime: 305,
  setns: 308,
  finit_module: 313,
  kexec_file_load: 320,
  bpf: 321,
  userfaultfd: 323,
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  mount_setattr: 442,
};

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

interface Instruction {
  code: number;
  jumpTrue: number;
  jumpFalse: number;
  value: number;
}

export function buildSeccompFilter(denied: number[] = Object.values(deniedSyscalls)): Buffer {
  const program: Instruction[] = [
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
export function isSeccompSupported(): boolean {
  return process.arch === "x64";
}
