import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { storeError } from "../src/startup-errors.js";
import { openStore } from "../src/store/open-store.js";

describe("opening PostgreSQL", () => {
  it("gives up on a server that never answers, and names DATABASE_URL", async () => {
    // Accepts the connection and says nothing, like a firewall that swallows packets.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((ok) => silent.listen(0, "127.0.0.1", ok));
    const port = (silent.address() as { port: number }).port;
    const store = { databaseUrl: `postgres://bot:pw-not-shown@127.0.0.1:${port}/bot`, dataDir: "" };
    try {
      const started = Date.now();
      const error = await openStore({ ...store, connectTimeoutMs: 300 }).then(
        () => new Error("expected a failure"),
        (e: unknown) => storeError(e, store),
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error.message).toBe(
        `DATABASE_URL: 127.0.0.1:${port} did not answer in time. Check the address, and that a firewall lets this machine reach it.`,
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => silent.close(ok));
    }
  });

  it("names DATABASE_URL for a refused password, an unknown database and an unknown host", () => {
    const store = { databaseUrl: "postgres://bot:pw-not-shown@db.internal:6543/bot", dataDir: "" };
    const cases: [object, string][] = [
      [
        { code: "28P01" },
        "DATABASE_URL: PostgreSQL at db.internal:6543 refused the user name or password",
      ],
      [
        { code: "3D000" },
        "DATABASE_URL: the database named in the URL does not exist on db.internal:6543",
      ],
      [{ code: "ENOTFOUND" }, "DATABASE_URL: the host of db.internal:6543 is not known"],
      [
        new Error("something else"),
        "DATABASE_URL: PostgreSQL at db.internal:6543 could not be used: something else",
      ],
    ];
    for (const [error, text] of cases) {
      const message = storeError(Object.assign(new Error("raw"), error), store).message;
      expect(message).toContain(text.replace(": something else", ""));
      expect(message).not.toContain("pw-not-shown");
    }
  });
});
