/**
 * A scripted stand-in for the mini-program's global `wx`: wx.login hands out codes, wx.request is answered by a
 * route function and recorded, storage is a Map, and the file system returns fixed bytes. Callbacks fire
 * asynchronously, as they do on a device.
 */

export interface RecordedRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
  timeout: number | undefined;
  dataType: string | undefined;
  responseType: string | undefined;
}

export type Reply =
  | { statusCode: number; body?: unknown; header?: Record<string, string> }
  | { fail: string };

export interface FakeWxOptions {
  route: (request: RecordedRequest, index: number) => Reply;
  files?: Record<string, Uint8Array>;
  subscribeResult?: Record<string, string>;
  storage?: Record<string, unknown>;
  loginFails?: boolean;
}

export interface FakeWx {
  requests: RecordedRequest[];
  loginCount: number;
  storage: Map<string, unknown>;
  subscribeCalls: string[][];
  /** Requests to the API (not to blob storage), as "METHOD /path?query" relative to the base URL. */
  calls(): string[];
}

export const BASE_URL = "https://api.gtdz.test/api";

const json = { "Content-Type": "application/json; charset=utf-8" };
const problemJson = { "Content-Type": "application/problem+json; charset=utf-8" };

export function ok(body: unknown, statusCode = 200): Reply {
  return { statusCode, body, header: json };
}

export function problem(statusCode: number, code: string, title: string, extra: Record<string, unknown> = {}, header: Record<string, string> = {}): Reply {
  return { statusCode, body: { type: `https://gongtongdizao.example/errors/${code.toLowerCase()}`, title, status: statusCode, code, ...extra }, header: { ...problemJson, ...header } };
}

export const me = {
  id: "u3f2a9c0d4e5b6a7b8c9d0e1f",
  displayName: "小林",
  homeCommunity: { id: "420106001001", name: "昙华林社区" },
  roles: [],
  createdAt: "2026-11-20T08:00:00+00:00",
};

/** A login reply whose token names the code it was issued for, so tests can tell logins apart. */
export function loginReply(request: RecordedRequest, expiresAt = "2099-01-01T00:00:00+00:00"): Reply {
  const { code } = JSON.parse(String(request.data)) as { code: string };
  return ok({ token: `token-for-${code}`, expiresAt, user: me });
}

function later(fn: () => void): void {
  setImmediate(fn);
}

export function installWx(options: FakeWxOptions): FakeWx {
  const state: FakeWx = {
    requests: [],
    loginCount: 0,
    storage: new Map(Object.entries(options.storage ?? {})),
    subscribeCalls: [],
    calls: () =>
      state.requests.filter((r) => r.url.startsWith(BASE_URL)).map((r) => `${r.method} ${r.url.slice(BASE_URL.length)}`),
  };

  const wx = {
    login(o: { success?: (r: { code: string; errMsg: string }) => void; fail?: (e: { errMsg: string }) => void }) {
      state.loginCount++;
      const n = state.loginCount;
      later(() => (options.loginFails ? o.fail?.({ errMsg: "login:fail network" }) : o.success?.({ code: `code${n}`, errMsg: "login:ok" })));
    },
    request(o: {
      url: string;
      method?: string;
      header?: Record<string, string>;
      data?: unknown;
      timeout?: number;
      dataType?: string;
      responseType?: string;
      success?: (r: { statusCode: number; header: Record<string, string>; data: unknown; errMsg: string }) => void;
      fail?: (e: { errMsg: string }) => void;
    }) {
      const request: RecordedRequest = {
        url: o.url,
        method: o.method ?? "GET",
        header: { ...(o.header ?? {}) },
        data: o.data,
        timeout: o.timeout,
        dataType: o.dataType,
        responseType: o.responseType,
      };
      const index = state.requests.push(request) - 1;
      const reply = options.route(request, index);
      later(() => {
        if ("fail" in reply) {
          o.fail?.({ errMsg: reply.fail });
          return;
        }
        // dataType "text": wx hands over the body as a string; a status with no body gives "".
        const data = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        o.success?.({ statusCode: reply.statusCode, header: reply.header ?? {}, data, errMsg: "request:ok" });
      });
    },
    getFileSystemManager() {
      return {
        readFile(o: { filePath: string; success?: (r: { data: ArrayBuffer }) => void; fail?: (e: { errMsg: string }) => void }) {
          const bytes = options.files?.[o.filePath];
          later(() => {
            if (!bytes) {
              o.fail?.({ errMsg: `readFile:fail no such file ${o.filePath}` });
              return;
            }
            o.success?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
          });
        },
      };
    },
    requestSubscribeMessage(o: { tmplIds: string[]; success?: (r: Record<string, string>) => void }) {
      state.subscribeCalls.push([...o.tmplIds]);
      later(() => o.success?.({ errMsg: "requestSubscribeMessage:ok", ...(options.subscribeResult ?? {}) }));
    },
    setStorageSync(key: string, value: unknown) {
      state.storage.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    },
    getStorageSync(key: string) {
      // Like wx: a missing key reads as "".
      return state.storage.has(key) ? state.storage.get(key) : "";
    },
    removeStorageSync(key: string) {
      state.storage.delete(key);
    },
  };
  (globalThis as unknown as { wx: unknown }).wx = wx;
  return state;
}

export function bearer(request: RecordedRequest): string | undefined {
  return request.header["Authorization"];
}
