import { describe, expect, it } from "vitest";
import { deniedSyscalls } from "../seccomp-policy.js";
import { buildSeccompFilter } from "./seccomp-filter.js";

function instructions(
  program: Buffer,
): Array<{ code: number; jumpTrue: number; jumpFalse: number; value: number }> {
  const result = [];
  for (let offset = 0; offset < program.length; offset += 8) {
    result.push({
      code: program.readUInt16LE(offset),
      jumpTrue: program.readUInt8(offset + 2),
      jumpFalse: program.readUInt8(offset + 3),
      value: program.readUInt32LE(offset + 4),
    });
  }
  return result;
}

/** A tiny classic-BPF interpreter, enough to run our filter against a seccomp_data. */
function evaluate(program: Buffer, architecture: number, syscall: number): number {
  const code = instructions(program);
  let accumulator = 0;
  for (let pc = 0; pc < code.length; pc++) {
    const instruction = code[pc]!;
    switch (instruction.code) {
      case 0x20:
        accumulator = instruction.value === 4 ? architecture : syscall;
        break;
      case 0x15:
        pc += accumulator === instruction.value ? instruction.jumpTrue : instruction.jumpFalse;
        break;
      case 0x35:
        pc += accumulator >= instruction.value ? instruction.jumpTrue : instruction.jumpFalse;
        break;
      case 0x06:
        return instruction.value;
      default:
        throw new Error(`unexpected opcode ${instruction.code}`);
    }
  }
  throw new Error("fell off the end of the program");
}

const x86_64 = 0xc000003e;
const allow = 0x7fff0000;
const eperm = 0x00050001;

describe("the seccomp filter", () => {
  const program = buildSeccompFilter();

  it("denies every listed system call with EPERM", () => {
    for (const [name, number] of Object.entries(deniedSyscalls)) {
      expect(evaluate(program, x86_64, number), name).toBe(eperm);
    }
  });

  it("allows ordinary system calls", () => {
    for (const number of [0, 1, 2, 39, 56, 57, 59, 60, 231, 435]) {
      expect(evaluate(program, x86_64, number), String(number)).toBe(allow);
    }
  });

  it("refuses the x32 ABI and kills other architectures", () => {
    expect(evaluate(program, x86_64, 0x40000000 + 39)).toBe(eperm);
    expect(evaluate(program, 0x40000003, 39)).toBe(0x80000000); // i386
  });

  it("is a whole number of 8-byte instructions with in-range jumps", () => {
    expect(program.length % 8).toBe(0);
    const code = instructions(program);
    code.forEach((instruction, index) => {
      if (instruction.code !== 0x15 && instruction.code !== 0x35) return; // only jumps jump
      expect(index + 1 + instruction.jumpTrue).toBeLessThan(code.length);
      expect(index + 1 + instruction.jumpFalse).toBeLessThan(code.length);
    });
  });
});
