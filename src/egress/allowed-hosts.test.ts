import { describe, expect, it } from "vitest";
import { isAllowedHost } from "./allowed-hosts.js";
import { forbiddenReason } from "./forbidden-addresses.js";

describe("isAllowedHost", () => {
  it("matches exact names and *.domain wildcards, case- and trailing-dot-insensitively", () => {
    const allow = ["api.github.com", "*.example.com"];
    expect(isAllowedHost("api.github.com", allow)).toBe(true);
    expect(isAllowedHost("API.GitHub.com.", allow)).toBe(true);
    expect(isAllowedHost("a.example.com", allow)).toBe(true);
    expect(isAllowedHost("a.b.example.com", allow)).toBe(true);
    expect(isAllowedHost("example.com", allow)).toBe(false);
    expect(isAllowedHost("example.com.evil", allow)).toBe(false);
    expect(isAllowedHost("a.example.com.evil", allow)).toBe(false);
    expect(isAllowedHost("evilexample.com", allow)).toBe(false);
    expect(isAllowedHost("github.com", allow)).toBe(false);
    expect(isAllowedHost("anything", [])).toBe(false);
  });
});

describe("forbiddenReason", () => {
  it("names the range of every special-purpose address, in IPv4, IPv6 and embedded forms", () => {
    const forbidden = [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "224.0.0.1",
      "0.0.0.0",
      "255.255.255.255",
      "::",
      "::1",
      "fc00::1",
      "fd00:ec2::254",
      "fe80::1%eth0",
      "ff02::1",
      "::ffff:10.0.0.1",
      "::ffff:7f00:1",
      "::127.0.0.1",
      "64:ff9b::a9fe:a9fe",
      "2002:c0a8:0101::1",
    ];
    for (const address of forbidden) expect(forbiddenReason(address), address).toBeDefined();
    const allowed = ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"];
    for (const address of allowed) expect(forbiddenReason(address), address).toBeUndefined();
    expect(forbiddenReason("::ffff:169.254.169.254")).toBe("link-local (cloud metadata) (in IPv6 form)");
    expect(forbiddenReason("not-an-address")).toBe("not an IP address");
  });
});
