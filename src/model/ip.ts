/**
 * `net.isIP` without node:net (importing node:net at start-up loads the stream machinery on
 * every run): 4 for a dotted-decimal IPv4 address, 6 for an IPv6 address (a `%zone` suffix
 * allowed), 0 for anything else. test/model/ip.test.ts checks it against net.isIP.
 */
const IPV4_PART = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
const IPV4 = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);

export function ipVersion(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  if (!text.includes(":") || !/^[0-9A-Fa-f:.]+(?:%[^\s%/[\]]+)?$/.test(text)) return 0;
  const address = text.replace(/%.*$/, "");
  // WHATWG URL parsing implements the IPv6 grammar (with an embedded IPv4 tail)
  try {
    new URL(`http://[${address}]/`);
    return 6;
  } catch {
    return 0;
  }
}
