import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import { ipVersion } from "../../src/model/ip.js";

const SAMPLES = [
  "127.0.0.1", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "8.8.8.8", " 8.8.8.8", "8.8.8.8 ",
  "::", "::1", "fe80::1", "fe80::1%eth0", "2001:db8::8a2e:370:7334", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.168.1.1",
  "1::2::3", ":::", "12345::", "g::1", "[::1]", "::1:", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "fd00::/8", "localhost", "redis", "", "1.1.1.1:53",
  "::ffff:1.2.3", "fe80::1%", "FE80::ABCD",
];

describe("ipVersion agrees with net.isIP", () => {
  it.each(SAMPLES)("%j", (s) => {
    expect(ipVersion(s)).toBe(isIP(s));
  });
});
