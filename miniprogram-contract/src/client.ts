/**
 * 共同缔造小程序的接口客户端：基于 wx.request，类型来自 openapi.yaml 生成的 src/generated/api.ts。
 *
 * - 静默登录：wx.login → POST /auth/login → token 保存在内存和 wx.setStorageSync 里，每个请求带 Bearer 头。
 * - 401（UNAUTHENTICATED / LOGIN_CODE_INVALID）时重新登录并只重试一次。
 * - wx.request 的 success 对任何 HTTP 状态都会触发：这里检查 statusCode，失败统一抛出 ApiError。
 * - 图片直传 Blob 存储（PUT + ArrayBuffer + x-ms-blob-type: BlockBlob）与订阅消息结果上报。
 * - “提交”类操作（写信、提议题、评论、附议、报名、上传、广播、评价）每个操作带一个 Idempotency-Key：
 *   同一个操作的所有重试（重新登录后、网络超时后）都用同一个键，服务器只创建一次并返回第一次的结果。
 */
import type { components, paths } from "./generated/api";
import catalogue from "../errors.json";
import templates from "../subscribe-templates.json";

export type Schemas = components["schemas"];
export type Me = Schemas["Me"];
export type Org = Schemas["Org"];
export type OrgList = Schemas["OrgList"];
export type HealthReport = Schemas["HealthReport"];
export type LoginResponse = Schemas["LoginResponse"];
export type UpdateMeRequest = Schemas["UpdateMeRequest"];
export type PersonalDataExport = Schemas["PersonalDataExport"];
export type Problem = Schemas["Problem"];

/** 服务器返回的稳定错误码（errors.json）。 */
export type ErrorCode = Problem["code"];
/** 客户端自己产生的错误码：网络失败、无法识别的响应、直传存储失败。 */
export type ClientErrorCode = "NETWORK_ERROR" | "UNEXPECTED_RESPONSE" | "UPLOAD_FAILED";
/** 小程序对错误应采取的动作（errors.json 的 actions）。 */
export type ErrorAction = keyof typeof catalogue.actions;

/** 订阅消息模板的键（subscribe-templates.json）；模板 id 按环境配置，不在代码里。 */
export type SubscribeTemplateKey = keyof typeof templates;
export type SubscribeDecision = "accept" | "reject" | "ban" | "filter";

// ---- 尚未写进 openapi.yaml 的接口：随附件功能与订阅消息功能一起发布，届时改用生成的类型。 ----

/** 随附件功能发布：POST /uploads 的请求体。 */
export interface UploadRequest {
  /** 图片用途（如信件、议题的附件），取值随附件功能确定。 */
  purpose: string;
  contentType: PhotoContentType;
  size: number;
}

/** 随附件功能发布：POST /uploads 的响应，一个限时的 SAS 上传地址。 */
export interface UploadTicket {
  uploadId: string;
  url: string;
  method: "PUT";
  headers: Record<string, string>;
  expiresAt: string;
}

/** 随订阅消息功能发布：POST /me/subscriptions 的请求体。 */
export interface SubscriptionReport {
  results: Partial<Record<SubscribeTemplateKey, SubscribeDecision>>;
}

export type PhotoContentType = "image/jpeg" | "image/png" | "image/webp";

/** wx.chooseMedia 的 tempFiles 元素即可直接传入。 */
export interface PhotoFile {
  tempFilePath: string;
  size: number;
  /** 缺省时按文件扩展名判断。 */
  contentType?: PhotoContentType;
}

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS_PER_ITEM = 9;
export const MAX_TEMPLATES_PER_REQUEST = 3;

// ---- 错误 ----

const clientErrors: Record<ClientErrorCode, { title: string; action: ErrorAction }> = {
  NETWORK_ERROR: { title: "网络连接失败，请检查网络后重试", action: "retry_later" },
  UNEXPECTED_RESPONSE: { title: "服务器返回了无法识别的内容，请稍后再试", action: "retry_later" },
  UPLOAD_FAILED: { title: "图片上传失败，请重试", action: "retry_later" },
};

/** 没有 ProblemDetails 正文的错误响应（平台网关等）按状态码归入的错误码。 */
const codeByStatus: Record<number, ErrorCode> = {
  401: "UNAUTHENTICATED",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
  500: "INTERNAL_ERROR",
  502: "SERVICE_UNAVAILABLE",
  503: "SERVICE_UNAVAILABLE",
  504: "SERVICE_UNAVAILABLE",
};

interface CatalogueEntry {
  code: string;
  status: number;
  title: string;
  action: string;
}

const entries: ReadonlyMap<string, CatalogueEntry> = new Map(
  (catalogue.errors as CatalogueEntry[]).map((e) => [e.code, e]),
);

function isAction(value: string): value is ErrorAction {
  return Object.prototype.hasOwnProperty.call(catalogue.actions, value);
}

function actionForStatus(status: number): ErrorAction {
  if (status === 401) return "relogin";
  if (status === 409) return "refresh";
  if (status === 429 || status >= 500 || status === 0) return "retry_later";
  return "show";
}

export interface ApiErrorInit {
  status: number;
  code: ErrorCode | ClientErrorCode | (string & {});
  title?: string;
  detail?: string;
  retryAfter?: number;
  errors?: Record<string, string[]>;
  traceId?: string;
}

/** 一次失败的调用：status 为 HTTP 状态（网络失败时为 0），action 告诉界面该怎么做。 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode | (string & {});
  /** 可直接展示的中文提示。 */
  readonly title: string;
  readonly detail: string | undefined;
  readonly action: ErrorAction;
  /** 建议等待的秒数（Retry-After）。 */
  readonly retryAfter: number | undefined;
  /** VALIDATION_FAILED / ORG_IMPORT_INVALID 的逐字段提示。 */
  readonly errors: Record<string, string[]> | undefined;
  readonly traceId: string | undefined;

  constructor(init: ApiErrorInit) {
    const known = entries.get(init.code);
    const client = (clientErrors as Record<string, { title: string; action: ErrorAction } | undefined>)[init.code];
    const title = init.title ?? known?.title ?? client?.title ?? "请求失败，请稍后再试";
    super(init.detail ? `${title}（${init.detail}）` : title);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.title = title;
    this.detail = init.detail;
    this.action = known && isAction(known.action) ? known.action : client?.action ?? actionForStatus(init.status);
    this.retryAfter = init.retryAfter;
    this.errors = init.errors;
    this.traceId = init.traceId;
  }
}

// ---- 类型化的路径 ----

type Method = "get" | "put" | "post" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonContent<T> = T extends { content: { "application/json": infer B } } ? B : never;
/** 某个接口的 JSON 请求体类型。 */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: infer R } ? JsonContent<R> : never;
/** 某个接口成功时的响应类型（201 为新建的内容，204 为 void）。 */
export type SuccessBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer Ok } ? JsonContent<Ok> : R extends { 201: infer Made } ? JsonContent<Made> : R extends { 204: unknown } ? void : never
    : never;

/** 提交类操作的选项。 */
export interface CreateOptions {
  /**
   * 这个操作的幂等键。缺省时每次调用生成一个新键；界面希望用户再次点击“提交”也算同一个操作时
   * （例如上一次网络超时、不知道是否已提交），先用 newIdempotencyKey() 生成一个键，每次调用都传入它。
   */
  idempotencyKey?: string;
}

/** 生成一个幂等键（UUID v4 形式）。 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- 客户端 ----

export interface ClientOptions {
  /** 例如 https://func-xxx.chinacloudsites.cn/api（已登记的合法域名，不带端口，不以 / 结尾）。 */
  baseUrl: string;
  /** 单个请求的超时（毫秒），wx.request 最多 60 秒；默认 15 秒。 */
  timeoutMs?: number;
  /** 保存登录态的 storage 键。 */
  storageKey?: string;
  /** 模板 id → 模板键，来自小程序的环境配置（与后端的 WeChat__Templates__<key> 相同）。 */
  templateKeys?: Record<string, SubscribeTemplateKey>;
  /** 当前时间（毫秒），测试时可替换。 */
  now?: () => number;
}

interface Session {
  token: string;
  /** 过期时间（毫秒）。 */
  expiresAt: number;
}

interface SendOptions {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  auth: boolean;
  /** 这些状态码也按成功解析正文（健康检查的 503）。 */
  acceptStatus?: number[];
  /** 提交类操作：带 Idempotency-Key（缺省时生成一个），网络失败时用同一个键重试一次。 */
  create?: CreateOptions;
}

interface RawResponse {
  statusCode: number;
  header: Record<string, unknown>;
  data: unknown;
}

/** 登录态提前一分钟视为过期，避免请求途中过期。 */
const EXPIRY_SKEW_MS = 60_000;
const MAX_TIMEOUT_MS = 60_000;

export class GongTongDizaoClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly storageKey: string;
  private readonly now: () => number;
  private readonly templateKeys: Record<string, SubscribeTemplateKey>;
  private session: Session | null | undefined;
  private loginInFlight: Promise<LoginResponse> | undefined;

  constructor(options: ClientOptions) {
    if (!/^https?:\/\/[^/]+/.test(options.baseUrl)) {
      throw new TypeError("baseUrl 必须是完整的 https 地址，例如 https://api.example.cn/api");
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = Math.min(options.timeoutMs ?? 15_000, MAX_TIMEOUT_MS);
    this.storageKey = options.storageKey ?? "gongtongdizao.session";
    this.now = options.now ?? (() => Date.now());
    this.templateKeys = { ...(options.templateKeys ?? {}) };
  }

  // ---- 接口 ----

  /** 健康检查：200 和 503 都返回健康报告。 */
  async health(): Promise<HealthReport> {
    const report = await this.execute<HealthReport | undefined>({ method: "GET", path: "/health", auth: false, acceptStatus: [503] });
    if (typeof report !== "object" || report === null || typeof report.checks !== "object") {
      throw new ApiError({ status: 503, code: "SERVICE_UNAVAILABLE", detail: "健康检查没有返回报告" });
    }
    return report;
  }

  /** 静默登录（通常不必直接调用：第一次请求会自动登录）。并发调用共用同一次登录。 */
  login(): Promise<LoginResponse> {
    if (!this.loginInFlight) {
      this.loginInFlight = this.doLogin().finally(() => {
        this.loginInFlight = undefined;
      });
    }
    return this.loginInFlight;
  }

  /** 清除登录态（内存与 storage）。 */
  logout(): void {
    this.session = null;
    wx.removeStorageSync(this.storageKey);
  }

  getMe(): Promise<SuccessBody<"/me", "get">> {
    return this.execute({ method: "GET", path: "/me", auth: true });
  }

  updateMe(body: RequestBody<"/me", "put">): Promise<SuccessBody<"/me", "put">> {
    return this.execute({ method: "PUT", path: "/me", body, auth: true });
  }

  /** code 来自 getPhoneNumber 按钮（不是 wx.login 的 code）。 */
  linkPhone(code: string): Promise<SuccessBody<"/me/phone", "post">> {
    const body: RequestBody<"/me/phone", "post"> = { code };
    return this.execute({ method: "POST", path: "/me/phone", body, auth: true });
  }

  acceptPrivacyConsent(version: string): Promise<SuccessBody<"/me/privacy-consent", "post">> {
    const body: RequestBody<"/me/privacy-consent", "post"> = { version };
    return this.execute({ method: "POST", path: "/me/privacy-consent", body, auth: true });
  }

  exportMyData(): Promise<SuccessBody<"/me/export", "get">> {
    return this.execute({ method: "GET", path: "/me/export", auth: true });
  }

  /** 注销账号；成功后清除本地登录态。 */
  async deleteMe(): Promise<void> {
    await this.execute<void>({ method: "DELETE", path: "/me", auth: true });
    this.logout();
  }

  getOrg(id: string): Promise<SuccessBody<"/orgs/{id}", "get">> {
    return this.execute({ method: "GET", path: `/orgs/${encodeURIComponent(id)}`, auth: true });
  }

  listOrgChildren(id: string): Promise<SuccessBody<"/orgs/{id}/children", "get">> {
    return this.execute({ method: "GET", path: `/orgs/${encodeURIComponent(id)}/children`, auth: true });
  }

  searchOrgs(q: string): Promise<SuccessBody<"/orgs/search", "get">> {
    return this.execute({ method: "GET", path: "/orgs/search", query: { q }, auth: true });
  }

  /** 写信页的类别选择器：code 与中文名称，按显示顺序。 */
  listLetterCategories(): Promise<SuccessBody<"/letters/categories", "get">> {
    return this.execute({ method: "GET", path: "/letters/categories", auth: true });
  }

  /** 通知公告偏好：只传用户拨动的开关（如 `{ youth: true }`），其余保持原值。 */
  updatePreferences(changes: RequestBody<"/me/preferences", "put">): Promise<SuccessBody<"/me/preferences", "put">> {
    return this.execute({ method: "PUT", path: "/me/preferences", body: changes, auth: true });
  }

  /** 工作人员：负责范围内的议题，可按组织、状态、是否待处理筛选。 */
  listStaffTopics(filter: { orgId?: string; status?: Schemas["TopicStatus"]; needsAction?: boolean; continuation?: string } = {}): Promise<SuccessBody<"/staff/topics", "get">> {
    const query: Record<string, string> = {};
    if (filter.orgId !== undefined) query.orgId = filter.orgId;
    if (filter.status !== undefined) query.status = filter.status;
    if (filter.needsAction !== undefined) query.needsAction = String(filter.needsAction);
    if (filter.continuation !== undefined) query.continuation = filter.continuation;
    return this.execute({ method: "GET", path: "/staff/topics", query, auth: true });
  }

  /** 工作人员：议事会的签到表与候补名单（按顺序）。 */
  listMeetingRegistrations(topicId: string, meetingId: string): Promise<SuccessBody<"/topics/{id}/meetings/{meetingId}/registrations", "get">> {
    return this.execute({ method: "GET", path: `/topics/${encodeURIComponent(topicId)}/meetings/${encodeURIComponent(meetingId)}/registrations`, auth: true });
  }

  // ---- 提交类操作：每次调用是一个操作，带一个幂等键，重试不会重复创建 ----

  /** 写信（青年信箱）。 */
  submitLetter(body: RequestBody<"/letters", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/letters", "post">> {
    return this.execute({ method: "POST", path: "/letters", body, auth: true, create: options });
  }

  /** 评价答复。 */
  evaluateLetter(id: string, body: RequestBody<"/letters/{id}/evaluation", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/letters/{id}/evaluation", "post">> {
    return this.execute({ method: "POST", path: `/letters/${encodeURIComponent(id)}/evaluation`, body, auth: true, create: options });
  }

  /** 提议题（民事民提）。 */
  createTopic(body: RequestBody<"/topics", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/topics", "post">> {
    return this.execute({ method: "POST", path: "/topics", body, auth: true, create: options });
  }

  /** 附议。 */
  secondTopic(id: string, options: CreateOptions = {}): Promise<SuccessBody<"/topics/{id}/second", "post">> {
    return this.execute({ method: "POST", path: `/topics/${encodeURIComponent(id)}/second`, auth: true, create: options });
  }

  /** 发表评论（民事民议）。 */
  addTopicComment(id: string, body: RequestBody<"/topics/{id}/comments", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/topics/{id}/comments", "post">> {
    return this.execute({ method: "POST", path: `/topics/${encodeURIComponent(id)}/comments`, body, auth: true, create: options });
  }

  /** 报名议事会。 */
  registerForTopicMeeting(id: string, meetingId: string, options: CreateOptions = {}): Promise<SuccessBody<"/topics/{id}/meetings/{meetingId}/registration", "post">> {
    const path = `/topics/${encodeURIComponent(id)}/meetings/${encodeURIComponent(meetingId)}/registration`;
    return this.execute({ method: "POST", path, auth: true, create: options });
  }

  /** 安排议事会（工作人员）。 */
  scheduleTopicMeeting(id: string, body: RequestBody<"/topics/{id}/meetings", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/topics/{id}/meetings", "post">> {
    return this.execute({ method: "POST", path: `/topics/${encodeURIComponent(id)}/meetings`, body, auth: true, create: options });
  }

  /** 发布通知公告（工作人员）。 */
  createBroadcast(body: RequestBody<"/staff/broadcasts", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/staff/broadcasts", "post">> {
    return this.execute({ method: "POST", path: "/staff/broadcasts", body, auth: true, create: options });
  }

  /** 评价议题（民事民评）。 */
  evaluateTopic(id: string, body: RequestBody<"/topics/{id}/evaluations", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/topics/{id}/evaluations", "post">> {
    return this.execute({ method: "POST", path: `/topics/${encodeURIComponent(id)}/evaluations`, body, auth: true, create: options });
  }

  /** 青年点单（群众点单）：每人每天 3 单，联系方式只给接单队伍。 */
  placeOrder(body: RequestBody<"/orders", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/orders", "post">> {
    return this.execute({ method: "POST", path: "/orders", body, auth: true, create: options });
  }

  /** 代点单（团组织工作人员为没有手机的居民点单）。 */
  placeOrderForResident(body: RequestBody<"/staff/orders", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/staff/orders", "post">> {
    return this.execute({ method: "POST", path: "/staff/orders", body, auth: true, create: options });
  }

  /** 建立志愿服务队伍（团组织工作人员）。 */
  createTeam(body: RequestBody<"/staff/teams", "post">, options: CreateOptions = {}): Promise<SuccessBody<"/staff/teams", "post">> {
    return this.execute({ method: "POST", path: "/staff/teams", body, auth: true, create: options });
  }

  /** 点单服务菜单。 */
  listOrderCategories(): Promise<SuccessBody<"/orders/categories", "get">> {
    return this.execute({ method: "GET", path: "/orders/categories", auth: true });
  }

  /** 本人的点单，一页；`continuation` 同 {@link listMyLetters}。 */
  listMyOrders(continuation?: string, pageSize?: number): Promise<SuccessBody<"/orders/mine", "get">> {
    return this.execute({ method: "GET", path: "/orders/mine", query: page(continuation, pageSize), auth: true });
  }

  getOrder(id: string): Promise<SuccessBody<"/orders/{id}", "get">> {
    return this.execute({ method: "GET", path: `/orders/${encodeURIComponent(id)}`, auth: true });
  }

  /** 队长接单并指定前往的志愿者；被其他队伍抢先时返回 409 `ORDER_ALREADY_TAKEN`。 */
  takeOrder(id: string, body: RequestBody<"/orders/{id}/take", "post">): Promise<SuccessBody<"/orders/{id}/take", "post">> {
    return this.execute({ method: "POST", path: `/orders/${encodeURIComponent(id)}/take`, body, auth: true });
  }

  /** 评价服务（群众评单）：2 分及以下退回团组织复核。 */
  rateOrder(id: string, body: RequestBody<"/orders/{id}/rating", "post">): Promise<SuccessBody<"/orders/{id}/rating", "post">> {
    return this.execute({ method: "POST", path: `/orders/${encodeURIComponent(id)}/rating`, body, auth: true });
  }

  /** 登记志愿者信息（未满 18 周岁附监护人同意）。 */
  saveVolunteerProfile(body: RequestBody<"/me/volunteer", "put">): Promise<SuccessBody<"/me/volunteer", "put">> {
    return this.execute({ method: "PUT", path: "/me/volunteer", body, auth: true });
  }

  /**
   * 本人写的信，一页。`continuation` 是上一页返回的不透明分页标记，原样传回；服务器拒绝它时（400，
   * `errors.continuation`）用 {@link isStaleContinuation} 判断，再不带标记从第一页重新加载。
   */
  listMyLetters(continuation?: string, pageSize?: number): Promise<SuccessBody<"/letters/mine", "get">> {
    return this.execute({ method: "GET", path: "/letters/mine", query: page(continuation, pageSize), auth: true });
  }

  /** 站内消息，一页（每页 20 条）与未读总数；`continuation` 同 {@link listMyLetters}。 */
  listMyNotifications(continuation?: string): Promise<SuccessBody<"/me/notifications", "get">> {
    return this.execute({ method: "GET", path: "/me/notifications", query: page(continuation), auth: true });
  }

  /** 标记已读：恰好其一，指定的 `ids`（1–100 个）或全部（`"all"`）。 */
  markNotificationsRead(ids: string[] | "all"): Promise<SuccessBody<"/me/notifications/read", "post">> {
    const body: RequestBody<"/me/notifications/read", "post"> = ids === "all" ? { all: true } : { ids };
    return this.execute({ method: "POST", path: "/me/notifications/read", body, auth: true });
  }

  /**
   * 上传一张图片，返回 uploadId（随后放进信件或议题的附件列表）。
   * POST /uploads 取得限时 SAS 地址，再用 wx.request PUT 文件内容（ArrayBuffer）直传 Blob 存储；
   * 存储的域名必须登记为 request 合法域名。JPEG/PNG/WebP，最大 10 MB。
   */
  async uploadPhoto(file: PhotoFile, purpose: string, options: CreateOptions = {}): Promise<string> {
    const contentType = file.contentType ?? contentTypeOf(file.tempFilePath);
    if (!contentType) {
      throw new ApiError({ status: 0, code: "UNSUPPORTED_MEDIA_TYPE", title: "只能上传 JPEG、PNG 或 WebP 图片" });
    }
    if (file.size <= 0 || file.size > MAX_PHOTO_BYTES) {
      throw new ApiError({ status: 0, code: "PAYLOAD_TOO_LARGE", title: "图片不能超过 10 MB" });
    }

    const request: UploadRequest = { purpose, contentType, size: file.size };
    const ticket = await this.execute<UploadTicket>({ method: "POST", path: "/uploads", body: request, auth: true, create: options });
    const data = await readFile(file.tempFilePath);
    const response = await wxRequest({
      url: ticket.url,
      method: ticket.method,
      data,
      // SAS 地址自带授权：不带 Bearer token。
      header: { "Content-Type": contentType, ...ticket.headers, "x-ms-blob-type": "BlockBlob" },
      timeout: MAX_TIMEOUT_MS,
      dataType: "text",
      responseType: "text",
    });
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new ApiError({
        status: response.statusCode,
        code: "UPLOAD_FAILED",
        detail: `存储返回 ${response.statusCode}`,
        retryAfter: retryAfterSeconds(response.header, this.now()),
      });
    }
    return ticket.uploadId;
  }

  /**
   * 必须在用户点击的回调里调用：请求订阅（每次最多 3 个模板），然后把结果上报给后端。
   * 每个 accept 只允许后端发送一条消息。
   */
  async requestSubscriptions(keys: SubscribeTemplateKey[]): Promise<SubscriptionReport["results"]> {
    if (keys.length === 0 || keys.length > MAX_TEMPLATES_PER_REQUEST) {
      throw new RangeError(`每次请求订阅 1 到 ${MAX_TEMPLATES_PER_REQUEST} 个模板`);
    }
    const idByKey = new Map(Object.entries(this.templateKeys).map(([id, key]) => [key, id]));
    const tmplIds = keys.map((key) => {
      const id = idByKey.get(key);
      if (!id) throw new RangeError(`没有配置模板 ${key} 的模板 id`);
      return id;
    });
    const result = await new Promise<WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult>((resolve, reject) => {
      wx.requestSubscribeMessage({
        tmplIds,
        success: resolve,
        fail: (err) => reject(new ApiError({ status: 0, code: "NETWORK_ERROR", title: "订阅消息请求失败", detail: err.errMsg })),
      });
    });
    return this.reportSubscribeResults(result);
  }

  /**
   * 把 wx.requestSubscribeMessage 的结果（模板 id → accept/reject/ban/filter）按模板键上报到 POST /me/subscriptions。
   * 未配置的模板 id 和 errMsg 被忽略；没有可上报的结果时不发请求。
   */
  async reportSubscribeResults(
    result: WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult | Record<string, string>,
    templateKeys: Record<string, SubscribeTemplateKey> = this.templateKeys,
  ): Promise<SubscriptionReport["results"]> {
    const results: SubscriptionReport["results"] = {};
    for (const [templateId, decision] of Object.entries(result)) {
      const key = Object.prototype.hasOwnProperty.call(templateKeys, templateId) ? templateKeys[templateId] : undefined;
      if (key && isDecision(decision)) {
        results[key] = decision;
      }
    }
    if (Object.keys(results).length > 0) {
      const body: SubscriptionReport = { results };
      await this.execute<void>({ method: "POST", path: "/me/subscriptions", body, auth: true });
    }
    return results;
  }

  // ---- 内部 ----

  private async execute<T>(options: SendOptions): Promise<T> {
    // 一个操作一个键：下面的每次重试都带同一个键。
    const idempotencyKey = options.create ? options.create.idempotencyKey ?? newIdempotencyKey() : undefined;
    let relogged = false;
    let resent = false;
    for (;;) {
      try {
        const token = options.auth ? await this.token() : undefined;
        return (await this.send(options, token, idempotencyKey)) as T;
      } catch (error) {
        // 401 时重新登录并只重试一次；登录本身的 LOGIN_CODE_INVALID 也算在这一次里。
        if (options.auth && !relogged && isRelogin(error)) {
          relogged = true;
          this.session = null;
          continue;
        }
        // 提交类操作网络失败（例如超时）时不知道服务器是否已创建：用同一个键再发一次，服务器最多创建一次。
        if (idempotencyKey && !resent && error instanceof ApiError && error.code === "NETWORK_ERROR") {
          resent = true;
          continue;
        }
        throw error;
      }
    }
  }

  private async token(): Promise<string> {
    if (this.session === undefined) {
      this.session = readSession(wx.getStorageSync(this.storageKey));
    }
    if (this.session && this.session.expiresAt - EXPIRY_SKEW_MS > this.now()) {
      return this.session.token;
    }
    return (await this.login()).token;
  }

  private async doLogin(): Promise<LoginResponse> {
    const code = await new Promise<string>((resolve, reject) => {
      wx.login({
        success: (res) => resolve(res.code),
        fail: (err) => reject(new ApiError({ status: 0, code: "NETWORK_ERROR", title: "微信登录失败，请检查网络后重试", detail: err.errMsg })),
      });
    });
    const body: RequestBody<"/auth/login", "post"> = { code };
    const response = (await this.send({ method: "POST", path: "/auth/login", body, auth: false }, undefined)) as LoginResponse;
    const expiresAt = Date.parse(response.expiresAt);
    this.session = { token: response.token, expiresAt: Number.isNaN(expiresAt) ? this.now() : expiresAt };
    wx.setStorageSync(this.storageKey, this.session);
    return response;
  }

  private async send(options: SendOptions, token: string | undefined, idempotencyKey?: string): Promise<unknown> {
    const header: Record<string, string> = { Accept: "application/json, application/problem+json" };
    if (token) header["Authorization"] = `Bearer ${token}`;
    if (idempotencyKey) header["Idempotency-Key"] = `"${idempotencyKey}"`;
    let data: string | undefined;
    if (options.body !== undefined) {
      header["Content-Type"] = "application/json";
      data = JSON.stringify(options.body);
    }
    const response = await wxRequest({
      url: this.baseUrl + options.path + queryString(options.query),
      method: options.method,
      header,
      ...(data === undefined ? {} : { data }),
      timeout: this.timeoutMs,
      // 自己解析 JSON：能分辨“不是 JSON”的响应。
      dataType: "text",
      responseType: "text",
    });
    const ok = (response.statusCode >= 200 && response.statusCode <= 299) || (options.acceptStatus ?? []).includes(response.statusCode);
    const text = typeof response.data === "string" ? response.data : "";
    if (ok) {
      if (response.statusCode === 204 || text.length === 0) return undefined;
      const parsed = isJson(response.header) ? parseJson(text) : undefined;
      if (parsed === undefined) {
        throw new ApiError({ status: response.statusCode, code: "UNEXPECTED_RESPONSE", detail: `响应不是 JSON（HTTP ${response.statusCode}）` });
      }
      return parsed;
    }
    throw this.toError(response, text);
  }

  private toError(response: RawResponse, text: string): ApiError {
    const retryAfter = retryAfterSeconds(response.header, this.now());
    const problem = isJson(response.header) ? parseJson(text) : undefined;
    if (isProblem(problem)) {
      return new ApiError({
        status: response.statusCode,
        code: problem.code,
        title: problem.title,
        ...(problem.detail === undefined ? {} : { detail: problem.detail }),
        ...(retryAfter === undefined ? {} : { retryAfter }),
        ...(problem.errors === undefined ? {} : { errors: problem.errors }),
        ...(problem.traceId === undefined ? {} : { traceId: problem.traceId }),
      });
    }
    const code = codeByStatus[response.statusCode];
    return new ApiError({
      status: response.statusCode,
      code: code ?? "UNEXPECTED_RESPONSE",
      detail: `HTTP ${response.statusCode}`,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  }
}

// ---- 工具 ----

function isRelogin(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && (error.code === "UNAUTHENTICATED" || error.code === "LOGIN_CODE_INVALID");
}

function isDecision(value: unknown): value is SubscribeDecision {
  return value === "accept" || value === "reject" || value === "ban" || value === "filter";
}

function isProblem(value: unknown): value is Pick<Problem, "title" | "status" | "detail" | "errors" | "traceId"> & { code: string } {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v["code"] === "string" && typeof v["title"] === "string";
}

function headerValue(header: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(header)) {
    if (key.toLowerCase() === wanted && value !== undefined && value !== null) return String(value);
  }
  return undefined;
}

function isJson(header: Record<string, unknown> | undefined): boolean {
  const type = headerValue(header, "content-type")?.toLowerCase() ?? "";
  return type.includes("application/json") || type.includes("+json");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After：秒数或 HTTP 日期，换算成秒。 */
export function retryAfterSeconds(header: Record<string, unknown> | undefined, now: number): number | undefined {
  const value = headerValue(header, "retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Paging query values: absent ones are left out (an empty value would mean the same, but is noise). */
function page(continuation?: string, pageSize?: number): Record<string, string> {
  const query: Record<string, string> = {};
  if (continuation) query.continuation = continuation;
  if (pageSize !== undefined) query.pageSize = String(pageSize);
  return query;
}

/** True when the server refused a paging token (it is not one it issued for that list): reload from the first page. */
export function isStaleContinuation(error: unknown): boolean {
  return error instanceof ApiError && error.code === "VALIDATION_FAILED" && error.errors?.continuation !== undefined;
}

function queryString(query: Record<string, string> | undefined): string {
  if (!query) return "";
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

function readSession(stored: unknown): Session | null {
  if (typeof stored !== "object" || stored === null) return null;
  const s = stored as Record<string, unknown>;
  return typeof s["token"] === "string" && typeof s["expiresAt"] === "number" ? { token: s["token"], expiresAt: s["expiresAt"] } : null;
}

function contentTypeOf(path: string): PhotoContentType | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === "jpg" || ext === "jpeg" ? "image/jpeg" : ext === "png" ? "image/png" : ext === "webp" ? "image/webp" : undefined;
}

function wxRequest(option: WechatMiniprogram.RequestOption): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    wx.request({
      ...option,
      success: (res) => resolve({ statusCode: res.statusCode, header: (res.header ?? {}) as Record<string, unknown>, data: res.data }),
      fail: (err) => reject(new ApiError({ status: 0, code: "NETWORK_ERROR", detail: err.errMsg })),
    });
  });
}

function readFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().readFile({
      filePath,
      success: (res) => {
        if (res.data instanceof ArrayBuffer) resolve(res.data);
        else reject(new ApiError({ status: 0, code: "UPLOAD_FAILED", detail: "读取的文件内容不是 ArrayBuffer" }));
      },
      fail: (err) => reject(new ApiError({ status: 0, code: "UPLOAD_FAILED", detail: err.errMsg })),
    });
  });
}
