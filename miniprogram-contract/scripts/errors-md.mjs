// Writes errors.md from errors.json (the catalogue stays the single source): `node scripts/errors-md.mjs`
// rewrites the file, `--stdout` prints it instead (the tests compare the two).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const catalogue = JSON.parse(readFileSync(join(root, "errors.json"), "utf8"));

// What the mini-program does beyond the action's general rule, per code.
const notes = {
  INVALID_JSON: "客户端缺陷：检查请求体的序列化",
  VALIDATION_FAILED: "`errors` 的键是字段路径（如 `displayName`），值是提示列表；`errors.continuation` 表示分页标记不是本列表签发的：从第一页重新加载",
  UNAUTHENTICATED: "客户端自动处理：重新静默登录并重试一次；仍失败时提示用户",
  LOGIN_CODE_INVALID: "wx.login 的 code 只能用一次、约 5 分钟有效：重新调用 wx.login",
  WECHAT_USER_BLOCKED: "不要重试登录",
  FORBIDDEN: "隐藏当前用户无权使用的入口",
  NOT_FOUND: "返回上一页或刷新列表",
  METHOD_NOT_ALLOWED: "客户端缺陷：检查请求方式",
  CONCURRENT_CHANGE: "重新拉取后让用户再提交一次",
  INVALID_STATE: "重新拉取详情，按最新状态显示可用的操作",
  IDEMPOTENCY_KEY_IN_USE: "同一 Idempotency-Key 的第一次请求尚未完成：按 Retry-After 等待后用同一个键重试，会得到第一次的结果",
  PAYLOAD_TOO_LARGE: "请求体不超过 1 MB；图片走直传，不放进 JSON",
  UNSUPPORTED_MEDIA_TYPE: "客户端缺陷：请求头须为 `Content-Type: application/json`",
  CONTENT_REJECTED: "内容安全检测未通过（居民与工作人员写的、居民会读到的文字都要检测）：保留用户输入，让其修改后再提交；`detail` 提示需人工审核或暂时无法检测时同样修改后重试",
  IDEMPOTENCY_KEY_REUSED: "客户端缺陷：每个操作生成新的 Idempotency-Key，只在重试同一个请求时复用",
  PHONE_CODE_INVALID: "让用户重新点击“获取手机号”按钮",
  ORG_IMPORT_INVALID: "仅管理接口返回；`errors` 按 `orgs[序号]` 列出每个问题，整批未导入",
  RATE_LIMITED: "按 Retry-After 等待，不要立即重试",
  WECHAT_UNAVAILABLE: "带 Retry-After；登录与手机号绑定可在等待后再试",
  SERVICE_UNAVAILABLE: "带 Retry-After；只自动重试幂等的读取请求",
  INTERNAL_ERROR: "反馈问题时附上 `traceId`",
};

const cell = (text) => String(text).replaceAll("|", "\\|");
const lines = [
  "# 错误码目录",
  "",
  "<!-- 由 scripts/errors-md.mjs 根据 errors.json 生成，请勿手改：改 errors.json 后运行 `node scripts/errors-md.mjs`。 -->",
  "",
  "失败的响应都是 RFC 9457 ProblemDetails（`Content-Type: application/problem+json`）：",
  "`{ type, title, status, code, detail?, instance?, traceId?, errors? }`。按 `code` 分支，不要按 `title` 文本分支；",
  "`title` 是可以直接展示的中文提示，`detail` 是本次错误的补充说明。",
  "",
  "## 动作",
  "",
  "| 动作 | 小程序应当 |",
  "|---|---|",
  ...Object.entries(catalogue.actions).map(([action, text]) => `| \`${action}\` | ${cell(text)} |`),
  "",
  "## 错误码",
  "",
  "| code | HTTP 状态 | 标题（title） | 动作 | 小程序应当 |",
  "|---|---|---|---|---|",
  ...catalogue.errors.map((e) => {
    const todo = [catalogue.actions[e.action], notes[e.code]].filter(Boolean).join("；");
    return `| \`${e.code}\` | ${e.status} | ${cell(e.title)} | \`${e.action}\` | ${cell(todo)} |`;
  }),
  "",
  "## 客户端自己产生的错误",
  "",
  "`src/client.ts` 的 `ApiError` 还可能带下面这些不来自服务器的 `code`（`status` 为 0 或实际的 HTTP 状态）：",
  "",
  "| code | 何时 | 动作 |",
  "|---|---|---|",
  "| `NETWORK_ERROR` | `wx.request` / `wx.login` 的 `fail`（无网络、超时、域名未登记） | `retry_later` |",
  "| `UNEXPECTED_RESPONSE` | 响应不是预期的 JSON（例如网关返回的 HTML 页面） | `retry_later` |",
  "| `UPLOAD_FAILED` | 直传 Blob 存储的 PUT 失败（如上传地址已过期） | `retry_later` |",
  "",
  "没有 ProblemDetails 正文的错误响应（例如平台网关返回的 502/504）按状态码归入最接近的错误码：",
  "401 → `UNAUTHENTICATED`，404 → `NOT_FOUND`，405 → `METHOD_NOT_ALLOWED`，413 → `PAYLOAD_TOO_LARGE`，",
  "415 → `UNSUPPORTED_MEDIA_TYPE`，429 → `RATE_LIMITED`，500 → `INTERNAL_ERROR`，502/503/504 → `SERVICE_UNAVAILABLE`。",
  "",
];

const text = lines.join("\n");
if (process.argv.includes("--stdout")) {
  process.stdout.write(text);
} else {
  writeFileSync(join(root, "errors.md"), text);
}
