import { request } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/test-bot.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function get(url: string, method = "GET"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.setTimeout(2000, () => req.destroy(new Error("no answer")));
    req.end();
  });
}

describe("the health check (HTTP mode)", () => {
  it("answers 200 once ready, and 404 for paths it does not serve", async () => {
    t = await startTestBot();
    const health = await get(`${t.bot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "ok" });
    expect((await get(`${t.bot.url}/healthz?probe=1`)).status).toBe(200);
    expect((await get(`${t.bot.url}/healthz`, "HEAD")).status).toBe(200);
    expect((await get(`${t.bot.url}/nothing-here`)).status).toBe(404);
    expect((await get(`${t.bot.url}/slack/install`)).status).toBe(404);
  });

  it("answers 503 to a check that arrives after the stop began", async () => {
    t = await startTestBot();
    const { port } = t.bot;
    // Two pipelined checks in one write, the second not finished: once the first is answered the
    // server has begun the second, so stopping does not cut this connection as idle.
    const socket = connect({ host: "127.0.0.1", port });
    let received = "";
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!received.includes(text)) return;
          socket.off("data", check);
          resolve();
        };
        socket.on("data", check);
        socket.once("close", () => reject(new Error(`closed before "${text}": ${received}`)));
        socket.on("error", reject);
        check();
      });
    socket.on("data", (chunk) => {
      received += chunk;
    });
    const healthCheck = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    socket.write(`${healthCheck}\r\n${healthCheck}`);
    await seen('{"status":"ok"}');

    const stopping = t.bot.stop();
    socket.write("\r\n");
    await seen('{"status":"stopping"}');
    socket.destroy();
    await stopping;
    const statuses = [...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses).toEqual(["200", "503"]);
  });
});
