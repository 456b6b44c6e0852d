import { test } from "node:test";
import assert from "node:assert/strict";
import catalogue from "../errors.json";
import { ApiError, GongTongDizaoClient, MAX_PHOTO_BYTES, isStaleContinuation, newIdempotencyKey, retryAfterSeconds } from "../src/client";
import type { Me, OrgList, RequestBody, SubscribeTemplateKey, SuccessBody } from "../src/client";
import { BASE_URL, bearer, installWx, loginReply, me, ok, problem } from "./fake-wx";
import type { RecordedRequest, Reply } from "./fake-wx";

const STORAGE_KEY = "gongtongdizao.session";

function client(templateKeys: Record<string, SubscribeTemplateKey> = {}, now?: () => number): GongTongDizaoClient {
  return new GongTongDizaoClient({ baseUrl: `${BASE_URL}/`, templateKeys, ...(now ? { now } : {}) });
}

/** Routes /auth/login to a fresh token and everything else to `api`. */
function withLogin(api: (request: RecordedRequest, index: number) => Reply) {
  return (request: RecordedRequest, index: number): Reply =>
    request.url === `${BASE_URL}/auth/login` ? loginReply(request) : api(request, index);
}

async function rejects(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the call to fail");
}

test("silent login: wx.login, POST /auth/login with the code, then the call with the bearer token", async () => {
  const wx = installWx({ route: withLogin(() => ok(me)) });
  const api = client();

  const result: Me = await api.getMe();

  assert.equal(result.displayName, "小林");
  assert.equal(wx.loginCount, 1);
  assert.deepEqual(wx.calls(), ["POST /auth/login", "GET /me"]);
  assert.deepEqual(JSON.parse(String(wx.requests[0]?.data)), { code: "code1" });
  assert.equal(wx.requests[0]?.header["Content-Type"], "application/json");
  assert.equal(bearer(wx.requests[1]!), "Bearer token-for-code1");
  assert.deepEqual(wx.storage.get(STORAGE_KEY), { token: "token-for-code1", expiresAt: Date.parse("2099-01-01T00:00:00+00:00") });
});

test("the token is reused: a second call neither logs in again nor goes without the bearer header", async () => {
  const wx = installWx({ route: withLogin(() => ok(me)) });
  const api = client();

  await api.getMe();
  await api.searchOrgs("昙华林");

  assert.equal(wx.loginCount, 1);
  const apiCalls = wx.requests.filter((r) => !r.url.endsWith("/auth/login"));
  assert.equal(apiCalls.length, 2);
  for (const request of apiCalls) assert.equal(bearer(request), "Bearer token-for-code1");
  assert.equal(bearer(wx.requests[0]!), undefined, "the login call itself carries no token");
});

test("a token saved by an earlier launch is read from storage; an expired one triggers a login", async () => {
  const fresh = installWx({
    route: withLogin(() => ok(me)),
    storage: { [STORAGE_KEY]: { token: "saved", expiresAt: Date.parse("2099-01-01T00:00:00Z") } },
  });
  await client().getMe();
  assert.equal(fresh.loginCount, 0);
  assert.equal(bearer(fresh.requests[0]!), "Bearer saved");

  const expired = installWx({
    route: withLogin(() => ok(me)),
    storage: { [STORAGE_KEY]: { token: "old", expiresAt: Date.parse("2026-01-01T00:00:00Z") } },
  });
  await client(undefined, () => Date.parse("2025-12-31T23:59:30Z")).getMe();
  assert.equal(expired.loginCount, 1, "within a minute of expiry the token is not used");
  assert.equal(bearer(expired.requests[1]!), "Bearer token-for-code1");
});

test("concurrent first calls share a single login", async () => {
  const wx = installWx({ route: withLogin(() => ok(me)) });
  const api = client();

  await Promise.all([api.getMe(), api.getMe(), api.exportMyData()]);

  assert.equal(wx.loginCount, 1);
  assert.equal(wx.calls().filter((c) => c === "POST /auth/login").length, 1);
});

test("401 UNAUTHENTICATED: logs in again and retries once, then succeeds", async () => {
  const wx = installWx({
    storage: { [STORAGE_KEY]: { token: "revoked", expiresAt: Date.parse("2099-01-01T00:00:00Z") } },
    route: withLogin((request) =>
      bearer(request) === "Bearer revoked" ? problem(401, "UNAUTHENTICATED", "登录已失效，请重新登录") : ok(me),
    ),
  });

  const result = await client().getMe();

  assert.equal(result.id, me.id);
  assert.deepEqual(wx.calls(), ["GET /me", "POST /auth/login", "GET /me"]);
  assert.equal(bearer(wx.requests[2]!), "Bearer token-for-code1");
});

test("a second 401 surfaces as ApiError with action relogin, after exactly one retry", async () => {
  const wx = installWx({ route: withLogin(() => problem(401, "UNAUTHENTICATED", "登录已失效，请重新登录")) });

  const error = await rejects(client().getMe());

  assert.equal(error.status, 401);
  assert.equal(error.code, "UNAUTHENTICATED");
  assert.equal(error.action, "relogin");
  assert.equal(error.title, "登录已失效，请重新登录");
  assert.equal(wx.loginCount, 2);
  assert.deepEqual(wx.calls(), ["POST /auth/login", "GET /me", "POST /auth/login", "GET /me"]);
});

test("LOGIN_CODE_INVALID from /auth/login: one fresh wx.login code, then the call goes through", async () => {
  const wx = installWx({
    route: (request) => {
      if (request.url.endsWith("/auth/login")) {
        return JSON.parse(String(request.data)).code === "code1"
          ? problem(401, "LOGIN_CODE_INVALID", "登录凭证无效或已过期，请重新登录")
          : loginReply(request);
      }
      return ok(me);
    },
  });

  await client().getMe();

  assert.equal(wx.loginCount, 2);
  assert.deepEqual(wx.calls(), ["POST /auth/login", "POST /auth/login", "GET /me"]);
  assert.equal(bearer(wx.requests[2]!), "Bearer token-for-code2");
});

test("503 with Retry-After: ApiError retry_later carrying the seconds, and no automatic retry", async () => {
  const wx = installWx({
    route: withLogin(() => problem(503, "SERVICE_UNAVAILABLE", "服务暂时不可用，请稍后再试", {}, { "Retry-After": "7" })),
  });

  const error = await rejects(client().getOrg("420106001001"));

  assert.equal(error.status, 503);
  assert.equal(error.code, "SERVICE_UNAVAILABLE");
  assert.equal(error.action, "retry_later");
  assert.equal(error.retryAfter, 7);
  assert.equal(wx.calls().filter((c) => c.startsWith("GET")).length, 1);
});

test("WECHAT_UNAVAILABLE from login surfaces with its Retry-After (header names are case-insensitive)", async () => {
  installWx({
    route: (request) =>
      request.url.endsWith("/auth/login")
        ? problem(503, "WECHAT_UNAVAILABLE", "微信服务繁忙，请稍后再试", {}, { "retry-after": "60" })
        : ok(me),
  });

  const error = await rejects(client().login());

  assert.equal(error.code, "WECHAT_UNAVAILABLE");
  assert.equal(error.action, "retry_later");
  assert.equal(error.retryAfter, 60);
});

test("Retry-After as an HTTP date is converted to seconds", () => {
  const now = Date.parse("2026-11-27T08:00:00Z");
  assert.equal(retryAfterSeconds({ "Retry-After": "Fri, 27 Nov 2026 08:00:30 GMT" }, now), 30);
  assert.equal(retryAfterSeconds({ "Retry-After": "soon" }, now), undefined);
  assert.equal(retryAfterSeconds({}, now), undefined);
});

test("400 VALIDATION_FAILED keeps the per-field errors, the detail and the traceId, with action fix_input", async () => {
  const wx = installWx({
    route: withLogin(() =>
      problem(400, "VALIDATION_FAILED", "提交的内容有误，请检查后重试", {
        detail: "请检查昵称",
        traceId: "4bf92f35",
        errors: { displayName: ["长度须在 1 到 20 个字之间"] },
      }),
    ),
  });

  const error = await rejects(client().updateMe({ displayName: "", homeCommunityId: "420106001001" }));

  assert.equal(error.action, "fix_input");
  assert.deepEqual(error.errors, { displayName: ["长度须在 1 到 20 个字之间"] });
  assert.equal(error.detail, "请检查昵称");
  assert.equal(error.traceId, "4bf92f35");
  const put = wx.requests.find((r) => r.method === "PUT")!;
  assert.equal(put.header["Content-Type"], "application/json");
  assert.deepEqual(JSON.parse(String(put.data)), { displayName: "", homeCommunityId: "420106001001" });
});

test("every code in errors.json maps to the catalogue's action", async () => {
  for (const entry of catalogue.errors) {
    installWx({
      storage: { [STORAGE_KEY]: { token: "t", expiresAt: Date.parse("2099-01-01T00:00:00Z") } },
      route: withLogin(() => problem(entry.status, entry.code, entry.title)),
    });
    const error = await rejects(client().exportMyData());
    assert.equal(error.code, entry.code);
    assert.equal(error.status, entry.status);
    assert.equal(error.action, entry.action, entry.code);
  }
});

test("a non-JSON error page (gateway 502 HTML) maps by status to SERVICE_UNAVAILABLE", async () => {
  installWx({ route: withLogin(() => ({ statusCode: 502, body: "<html>Bad Gateway</html>", header: { "Content-Type": "text/html" } })) });

  const error = await rejects(client().getMe());

  assert.equal(error.status, 502);
  assert.equal(error.code, "SERVICE_UNAVAILABLE");
  assert.equal(error.action, "retry_later");
});

test("a 200 whose body is not JSON is an UNEXPECTED_RESPONSE, not data", async () => {
  installWx({ route: withLogin(() => ({ statusCode: 200, body: "<html>portal</html>", header: { "Content-Type": "text/html" } })) });

  const error = await rejects(client().getMe());

  assert.equal(error.code, "UNEXPECTED_RESPONSE");
  assert.equal(error.status, 200);
  assert.equal(error.action, "retry_later");
});

test("a network failure (wx.request fail) is a NETWORK_ERROR with status 0 and the errMsg", async () => {
  installWx({ route: withLogin(() => ({ fail: "request:fail timeout" })) });

  const error = await rejects(client().getMe());

  assert.equal(error.status, 0);
  assert.equal(error.code, "NETWORK_ERROR");
  assert.equal(error.action, "retry_later");
  assert.equal(error.detail, "request:fail timeout");
});

test("wx.login failing is a NETWORK_ERROR and no API call is made", async () => {
  const wx = installWx({ loginFails: true, route: () => ok(me) });

  const error = await rejects(client().getMe());

  assert.equal(error.code, "NETWORK_ERROR");
  assert.equal(wx.requests.length, 0);
});

test("requests: JSON parsed by the client, timeout within wx's 60 s, path and query parameters encoded", async () => {
  const orgs: OrgList = { items: [{ id: "420106001001", name: "昙华林社区", level: "community", path: ["42"] }] };
  const wx = installWx({ route: withLogin(() => ok(orgs)) });
  const api = client();

  const found = await api.searchOrgs("昙华林 社区");
  await api.listOrgChildren("42/01");

  assert.equal(found.items[0]?.name, "昙华林社区");
  assert.deepEqual(wx.calls().slice(1), [
    "GET /orgs/search?q=%E6%98%99%E5%8D%8E%E6%9E%97%20%E7%A4%BE%E5%8C%BA",
    "GET /orgs/42%2F01/children",
  ]);
  for (const request of wx.requests) {
    assert.equal(request.dataType, "text");
    assert.ok(request.timeout !== undefined && request.timeout <= 60_000);
  }
});

test("health: no login, no token, and the 503 report is returned rather than thrown", async () => {
  const report = { status: "unhealthy", checks: { cosmos: { status: "down", durationMs: 5001 }, storage: { status: "up", durationMs: 3 } } };
  const wx = installWx({ route: () => ({ statusCode: 503, body: report, header: { "Content-Type": "application/json" } }) });

  const result = await client().health();

  assert.equal(result.status, "unhealthy");
  assert.equal(result.checks.cosmos.status, "down");
  assert.equal(wx.loginCount, 0);
  assert.equal(bearer(wx.requests[0]!), undefined);
});

test("deleteMe: DELETE /me answered 204, then the saved session is gone", async () => {
  const wx = installWx({ route: withLogin((r) => (r.method === "DELETE" ? { statusCode: 204 } : ok(me))) });
  const api = client();

  await api.deleteMe();

  assert.deepEqual(wx.calls(), ["POST /auth/login", "DELETE /me"]);
  assert.equal(wx.storage.has(STORAGE_KEY), false);
  await api.getMe();
  assert.equal(wx.loginCount, 2, "the next call logs in afresh");
});

test("uploadPhoto: POST /uploads, then PUT of the file's ArrayBuffer to the SAS URL with x-ms-blob-type, no bearer", async () => {
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const sas = "https://stgtdz.blob.core.chinacloudapi.cn/attachments/u1/abc.jpg?sv=2025-01-05&sig=x";
  const wx = installWx({
    files: { "wxfile://tmp/photo.JPG": bytes },
    route: withLogin((request) => {
      if (request.url.startsWith(sas)) return { statusCode: 201 };
      return ok({ uploadId: "up_123", url: sas, method: "PUT", headers: { "Content-Type": "image/jpeg" }, expiresAt: "2026-11-27T08:10:00+00:00" }, 201);
    }),
  });

  const uploadId = await client().uploadPhoto({ tempFilePath: "wxfile://tmp/photo.JPG", size: bytes.length }, "letter");

  assert.equal(uploadId, "up_123");
  assert.deepEqual(wx.calls(), ["POST /auth/login", "POST /uploads"]);
  assert.deepEqual(JSON.parse(String(wx.requests[1]?.data)), { purpose: "letter", contentType: "image/jpeg", size: 7 });
  const put = wx.requests[2]!;
  assert.equal(put.url, sas);
  assert.equal(put.method, "PUT");
  assert.ok(put.data instanceof ArrayBuffer, "the body is an ArrayBuffer");
  assert.deepEqual([...new Uint8Array(put.data as ArrayBuffer)], [...bytes]);
  assert.equal(put.header["x-ms-blob-type"], "BlockBlob");
  assert.equal(put.header["Content-Type"], "image/jpeg");
  assert.equal(bearer(put), undefined, "the SAS URL is the credential; the token never goes to storage");
});

test("uploadPhoto refuses files over 10 MB and non-image types before any request", async () => {
  const wx = installWx({ route: () => ok({}) });
  const api = client();

  const tooBig = await rejects(api.uploadPhoto({ tempFilePath: "a.png", size: MAX_PHOTO_BYTES + 1 }, "letter"));
  const wrongType = await rejects(api.uploadPhoto({ tempFilePath: "a.gif", size: 10 }, "letter"));

  assert.equal(tooBig.code, "PAYLOAD_TOO_LARGE");
  assert.equal(wrongType.code, "UNSUPPORTED_MEDIA_TYPE");
  assert.equal(wx.requests.length, 0);
});

test("uploadPhoto: storage refusing the PUT (expired SAS) is an UPLOAD_FAILED ApiError", async () => {
  installWx({
    files: { "p.webp": new Uint8Array([1]) },
    route: withLogin((request) =>
      request.url.startsWith("https://st.blob")
        ? { statusCode: 403, body: "<Error><Code>AuthenticationFailed</Code></Error>", header: { "Content-Type": "application/xml" } }
        : ok({ uploadId: "u", url: "https://st.blob/x?sig=y", method: "PUT", headers: {}, expiresAt: "2026-11-27T08:10:00Z" }),
    ),
  });

  const error = await rejects(client().uploadPhoto({ tempFilePath: "p.webp", size: 1 }, "topic"));

  assert.equal(error.code, "UPLOAD_FAILED");
  assert.equal(error.status, 403);
  assert.equal(error.action, "retry_later");
});

test("reportSubscribeResults maps template ids to keys, drops errMsg and unknown ids, and posts /me/subscriptions", async () => {
  const wx = installWx({ route: withLogin(() => ({ statusCode: 204 })) });
  const api = client({ "tmpl-A": "letterReplied", "tmpl-B": "topicDecided", "tmpl-C": "broadcast" });

  const results = await api.reportSubscribeResults({
    errMsg: "requestSubscribeMessage:ok",
    "tmpl-A": "accept",
    "tmpl-B": "reject",
    "tmpl-C": "ban",
    "tmpl-unknown": "accept",
  });

  const expected = { letterReplied: "accept", topicDecided: "reject", broadcast: "ban" };
  assert.deepEqual(results, expected);
  assert.deepEqual(wx.calls(), ["POST /auth/login", "POST /me/subscriptions"]);
  assert.deepEqual(JSON.parse(String(wx.requests[1]?.data)), { results: expected });
});

test("reportSubscribeResults with nothing known to report makes no request", async () => {
  const wx = installWx({ route: withLogin(() => ({ statusCode: 204 })) });

  const results = await client({ "tmpl-A": "letterReplied" }).reportSubscribeResults({ errMsg: "requestSubscribeMessage:ok", other: "accept" });

  assert.deepEqual(results, {});
  assert.equal(wx.requests.length, 0);
});

test("requestSubscriptions asks for at most 3 templates by their configured ids and reports the answer", async () => {
  const wx = installWx({
    subscribeResult: { "id-replied": "accept", "id-decided": "filter" },
    route: withLogin(() => ({ statusCode: 204 })),
  });
  const api = client({ "id-replied": "letterReplied", "id-decided": "topicDecided" });

  await assert.rejects(api.requestSubscriptions(["letterReplied", "topicDecided", "broadcast", "letterAccepted"]), RangeError);
  await assert.rejects(api.requestSubscriptions(["broadcast"]), /broadcast/);
  const results = await api.requestSubscriptions(["letterReplied", "topicDecided"]);

  assert.deepEqual(wx.subscribeCalls, [["id-replied", "id-decided"]]);
  assert.deepEqual(results, { letterReplied: "accept", topicDecided: "filter" });
  assert.deepEqual(JSON.parse(String(wx.requests.at(-1)?.data)), { results });
});

// Compile-time: the helpers' types come from the generated `paths` (tsc --strict fails the build otherwise).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type HelperTypes = [
  Equal<Awaited<ReturnType<GongTongDizaoClient["getMe"]>>, Me>,
  Equal<Awaited<ReturnType<GongTongDizaoClient["searchOrgs"]>>, OrgList>,
  Equal<Awaited<ReturnType<GongTongDizaoClient["exportMyData"]>>, SuccessBody<"/me/export", "get">>,
  Equal<SuccessBody<"/me", "delete">, void>,
  Equal<Parameters<GongTongDizaoClient["updateMe"]>[0], RequestBody<"/me", "put">>,
  Equal<RequestBody<"/me", "put">["buildingId"], string | null | undefined>,
];

test("issue 21 helpers: categories, a one-switch preference change, staff topics with filters, a meeting's sign-in sheet", async () => {
  const wx = installWx({ route: withLogin(() => ok({ items: [] })) });
  const api = client();

  await api.listLetterCategories();
  await api.updatePreferences({ youth: true });
  await api.listStaffTopics({ orgId: "420106001", status: "deliberating", needsAction: true });
  await api.listMeetingRegistrations("420106001001~t1", "m 1");

  const calls = wx.requests.filter((r) => !r.url.endsWith("/auth/login"));
  assert.deepEqual(calls.map((r) => `${r.method} ${r.url}`), [
    `GET ${BASE_URL}/letters/categories`,
    `PUT ${BASE_URL}/me/preferences`,
    `GET ${BASE_URL}/staff/topics?orgId=420106001&status=deliberating&needsAction=true`,
    `GET ${BASE_URL}/topics/420106001001~t1/meetings/m%201/registrations`,
  ]);
  assert.deepEqual(JSON.parse(String(calls[1]?.data)), { youth: true }, "only the switch that changed is sent");
});

const letter = { category: "employment", title: "想咨询社区的青年招聘会", content: "请问最近社区有没有面向青年的招聘会？", anonymous: false } as const;
const created = ok({ id: "420106001001~abc", status: "submitted" }, 201);

test("a create carries one Idempotency-Key for the whole action: the retry after a timeout and after a 401 reuse it", async () => {
  let apiCalls = 0;
  const wx = installWx({
    route: withLogin(() => {
      apiCalls++;
      if (apiCalls === 1) return { fail: "request:fail timeout" };
      if (apiCalls === 2) return problem(401, "UNAUTHENTICATED", "登录已失效，请重新登录");
      return created;
    }),
  });
  const api = client();

  const result = await api.submitLetter(letter);
  await api.submitLetter(letter);

  assert.equal(result.id, "420106001001~abc");
  const keys = wx.requests.filter((r) => r.url === `${BASE_URL}/letters`).map((r) => r.header["Idempotency-Key"]);
  assert.equal(keys.length, 4);
  assert.match(keys[0]!, /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
  assert.deepEqual(keys.slice(0, 3), [keys[0], keys[0], keys[0]], "one action, one key");
  assert.notEqual(keys[3], keys[0], "the next action has a key of its own");
});

test("a create fails after one resend; a caller-held key is sent as given; reads carry no key", async () => {
  const wx = installWx({ route: withLogin((request) => (request.method === "GET" ? ok(me) : { fail: "request:fail timeout" })) });
  const api = client();
  const key = newIdempotencyKey();

  const error = await rejects(api.createTopic({ communityId: "420106001001", title: "楼道加装扶手", description: "老人上下楼不方便，建议加装扶手。" }, { idempotencyKey: key }));
  await api.getMe();

  assert.equal(error.code, "NETWORK_ERROR");
  const posts = wx.requests.filter((r) => r.url === `${BASE_URL}/topics`);
  assert.deepEqual(posts.map((r) => r.header["Idempotency-Key"]), [`"${key}"`, `"${key}"`]);
  assert.equal(wx.requests.find((r) => r.url === `${BASE_URL}/me`)?.header["Idempotency-Key"], undefined);
});

test("IDEMPOTENCY_KEY_IN_USE surfaces with retry_later and its Retry-After; IDEMPOTENCY_KEY_REUSED with show", async () => {
  installWx({
    route: withLogin((request) =>
      request.url.endsWith("/second")
        ? problem(409, "IDEMPOTENCY_KEY_IN_USE", "上一次提交还在处理中，请稍后再试", {}, { "Retry-After": "1" })
        : problem(422, "IDEMPOTENCY_KEY_REUSED", "同一个 Idempotency-Key 已用于另一个请求"),
    ),
  });
  const api = client();

  const inUse = await rejects(api.secondTopic("t1"));
  const reused = await rejects(api.addTopicComment("t1", { stance: "support", content: "赞成" }));

  assert.deepEqual([inUse.action, inUse.retryAfter], ["retry_later", 1]);
  assert.equal(reused.action, "show");
});

test("typed helpers resolve to the generated schema types", () => {
  const checks: HelperTypes = [true, true, true, true, true, true];
  assert.deepEqual(checks, [true, true, true, true, true, true]);
});

test("paging: the opaque continuation goes back as is, the first page sends none, and a refused one is recognised", async () => {
  const token = "p1.8kQ2xw3N0bW9kZXJhdGlvbi1wYWdlLXRva2VuLWV4YW1wbGU";
  const wx = installWx({
    route: withLogin((request) =>
      request.url.includes("continuation=p1.stale")
        ? problem(400, "VALIDATION_FAILED", "提交的内容有误，请检查后重试", { errors: { continuation: ["分页标记无效，请从第一页重新加载"] } })
        : request.url.includes("/me/notifications/read")
          ? ok({ marked: 1, unreadCount: 0 })
          : ok({ items: [], unreadCount: 0, continuation: token })),
  });
  const api = client();

  const first = await api.listMyLetters(undefined, 5);
  await api.listMyLetters(first.continuation, 5);
  await api.listMyNotifications();
  const refused = await rejects(api.listMyNotifications("p1.stale"));
  await api.markNotificationsRead("all");
  await api.markNotificationsRead(["n~1"]);

  const urls = wx.requests.filter((r) => !r.url.endsWith("/auth/login")).map((r) => r.url.slice(BASE_URL.length));
  assert.deepEqual(urls.slice(0, 3), ["/letters/mine?pageSize=5", `/letters/mine?continuation=${encodeURIComponent(token)}&pageSize=5`, "/me/notifications"]);
  assert.ok(isStaleContinuation(refused));
  assert.ok(!isStaleContinuation(new Error("other")));
  const bodies = wx.requests.filter((r) => r.url.endsWith("/me/notifications/read")).map((r) => JSON.parse(String(r.data)));
  assert.deepEqual(bodies, [{ all: true }, { ids: ["n~1"] }]);
});
