import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./private-addresses.js";

describe("isPrivateAddress", () => {
  it("flags loopback, private, link-local, metadata and mapped addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.8.9.10",
      "0.0.0.0",
      "10.1.2.3",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "not an address",
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("lets public addresses through", () => {
    for (const address of [
      "140.82.112.6",
      "8.8.8.8",
      "172.32.0.1",
      "2606:4700::1111",
      "::ffff:140.82.112.6",
    ]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});
