// Runtime tests of the hand-written client and wx adapter: `npm test` (builds dist/ first).
import assert from "node:assert/strict";
import { test } from "node:test";
import { createClient, fillPath, queryString } from "../dist/shared/client.js";
import { createWxRequestFetch } from "../dist/shared/wx.js";

function recorder(status, body, contentType = "application/json") {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return { status, headers: { get: (n) => (n.toLowerCase() === "content-type" ? contentType : null) }, text: async () => body };
  };
  return { calls, fetch };
}

test("paths and queries are encoded", () => {
  assert.equal(fillPath("/p/{id}/c/{card}", { id: "a b", card: 7 }), "/p/a%20b/c/7");
  assert.throws(() => fillPath("/p/{id}", {}), /Missing path parameter "id"/);
  assert.equal(queryString({ a: 1, b: [2, 3], c: undefined, d: true, e: "x&y" }), "?a=1&b=2&b=3&d=true&e=x%26y");
  assert.equal(queryString({}), "");
});

test("a request carries token, JSON body and parameters; a 2xx JSON body is data", async () => {
  const { calls, fetch } = recorder(201, '{"id":"1"}');
  const api = createClient({ baseUrl: "https://h.example/", fetch, headers: { "X-App": "t" }, accessToken: async () => "tok" });
  const r = await api.POST("/profiles/{patient_id}/cards", {
    params: { path: { patient_id: "p1" }, query: { dry: false } },
    body: { card_no: "123" },
  });
  assert.deepEqual(r.data, { id: "1" });
  assert.equal(r.error, undefined);
  assert.equal(calls[0].url, "https://h.example/profiles/p1/cards?dry=false");
  assert.equal(calls[0].init.method, "POST");
  assert.equal(calls[0].init.body, '{"card_no":"123"}');
  assert.equal(calls[0].init.headers.authorization, "Bearer tok");
  assert.equal(calls[0].init.headers["content-type"], "application/json");
  assert.equal(calls[0].init.headers["x-app"], "t");
});

test("problem+json errors are parsed; 204 has no data; no body means no content-type", async () => {
  const problem = { type: "https://yiqiao.dev/problems/validation_failed", status: 400, code: "validation_failed" };
  const bad = recorder(400, JSON.stringify(problem), "application/problem+json");
  const r = await createClient({ baseUrl: "", fetch: bad.fetch }).GET("/home");
  assert.deepEqual(r.error, problem);
  assert.equal(r.data, undefined);
  assert.equal(bad.calls[0].init.body, undefined);
  assert.equal(bad.calls[0].init.headers["content-type"], undefined);
  assert.equal(bad.calls[0].init.headers.authorization, undefined);
  const empty = recorder(204, "", "");
  const e = await createClient({ baseUrl: "", fetch: empty.fetch }).DELETE("/x");
  assert.equal(e.data, undefined);
  assert.equal(e.error, undefined);
  const html = recorder(502, "<html>bad gateway</html>", "text/html");
  assert.equal((await createClient({ baseUrl: "", fetch: html.fetch }).GET("/x")).error, "<html>bad gateway</html>");
});

test("wx adapter: wx.request in, a fetch-like response out", async () => {
  const seen = [];
  const wx = {
    request(o) {
      seen.push(o);
      o.success({ statusCode: 200, data: '{"ok":true}', header: { "Content-Type": "application/json" } });
    },
  };
  const api = createClient({ baseUrl: "https://h.example", fetch: createWxRequestFetch(wx, { timeoutMs: 5000 }) });
  const r = await api.PUT("/notices/preferences", { body: { category: "a" } });
  assert.deepEqual(r.data, { ok: true });
  assert.equal(seen[0].url, "https://h.example/notices/preferences");
  assert.equal(seen[0].method, "PUT");
  assert.equal(seen[0].data, '{"category":"a"}');
  assert.equal(seen[0].dataType, "text");
  assert.equal(seen[0].timeout, 5000);
  assert.equal(seen[0].header["content-type"], "application/json");
});

test("wx adapter: failures reject, PATCH is refused before reaching wx", async () => {
  const wx = { request: (o) => o.fail({ errMsg: "request:fail timeout" }) };
  const fetch = createWxRequestFetch(wx);
  await assert.rejects(fetch("https://h.example/x", { method: "GET", headers: {} }), /request:fail timeout/);
  await assert.rejects(fetch("https://h.example/x", { method: "PATCH", headers: {} }), /cannot send PATCH/);
});
