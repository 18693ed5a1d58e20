import { createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, isAlive, startProcess, tcpConnect, haveProgram, sleep } from "./harness.js";

function listen(host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolveListen, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (typeof address !== "object" || address === null) return reject(new Error("no address"));
      resolveListen({ server, port: address.port });
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((r) => server.close(() => r()));
}

describe.skipIf(process.platform !== "linux")("harness: loopback as 'another container'", () => {
  it("a server bound to 127.0.0.1 refuses connections to 127.0.0.2; one bound to 0.0.0.0 accepts them", async () => {
    const loopback = await listen("127.0.0.1");
    const any = await listen("0.0.0.0");
    try {
      expect(await tcpConnect("127.0.0.1", loopback.port)).toBe("ok");
      expect(await tcpConnect("127.0.0.2", loopback.port)).toBe("refused");
      expect(await tcpConnect("127.0.0.2", any.port)).toBe("ok");
      expect(await tcpConnect("127.0.0.2", any.port, { localAddress: "127.0.0.2" })).toBe("ok");
    } finally {
      await close(loopback.server);
      await close(any.server);
    }
  });

  it("freePort gives a port nothing listens on", async () => {
    const port = await freePort();
    expect(await tcpConnect("127.0.0.1", port)).toBe("refused");
  });
});

describe.skipIf(process.platform !== "linux" || !haveProgram("bash") || !haveProgram("sleep"))("harness: processes", () => {
  it("stop() kills the process, its group and children in other groups, by PID", async () => {
    // The child leaves the group (setsid) the way a daemon's worker might.
    const proc = startProcess("bash", ["-c", "setsid sleep 30 & echo $!; sleep 30"], { timeoutMs: 10_000 });
    expect(await proc.waitForOutput(/^\d+\n/, 3_000)).toBe(true);
    const grandchild = Number(proc.stdout().trim());
    await sleep(50);
    expect(isAlive(proc.pid)).toBe(true);
    await proc.stop();
    expect(isAlive(proc.pid)).toBe(false);
    expect(proc.exited()?.signal).toBe("SIGTERM");
    expect(isAlive(grandchild)).toBe(false);
  });

  it("waitForExit returns undefined while the process runs and the exit once it ended", async () => {
    const proc = startProcess("bash", ["-c", "exit 3"]);
    expect(await proc.waitForExit(3_000)).toEqual({ code: 3, signal: null });
    const long = startProcess("sleep", ["30"]);
    expect(await long.waitForExit(100)).toBeUndefined();
  });
});
