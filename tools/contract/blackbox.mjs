// The generated contract and negative-input suite, run against the app as a black box over HTTP:
// @apideck/portman turns openapi.yaml into a Postman collection (every operation with its examples, plus fuzzed
// variants: required fields removed, lengths and numbers beyond their limits), newman sends it once per credential
// (a resident, a youth-league worker and a moderator, each with the function key for /manage), and every exchange is
// checked by tools/contract/openapi-check.mjs: no 5xx, only declared statuses and content types, bodies that match
// the schemas, and no request the contract forbids accepted. Writes <results>/outside/blackbox.json.
// Usage: node tools/contract/blackbox.mjs <results-folder> <base-url, e.g. http://127.0.0.1:7072> <function-key>
import { mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkAll, loadContract } from "./openapi-check.mjs";

const require = createRequire(import.meta.url);
const newman = require("newman");
const [results = "TestResults", base = "http://127.0.0.1:7072", functionKey = "dev-function-key"] = process.argv.slice(2);
const repo = fileURLToPath(new URL("../..", import.meta.url));
const contractFile = join(repo, "miniprogram-contract/openapi.yaml");
const out = resolve(results, "outside");
mkdirSync(out, { recursive: true });
const api = `${base.replace(/\/+$/, "")}/api`;

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app at ${api} did not become healthy`);
}

async function login(code) {
  const response = await fetch(`${api}/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code }) });
  if (!response.ok) throw new Error(`login ${code}: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

function generate() {
  const collection = join(out, "collection.json");
  const portman = spawnSync(process.execPath, [
    join(repo, "node_modules/@apideck/portman/bin/portman"),
    "-l", contractFile, "-c", join(repo, "tools/contract/portman-config.json"), "-b", "{{baseUrl}}", "-o", collection, "--syncPostman", "false",
  ], { encoding: "utf8", cwd: out });
  if (portman.status !== 0) throw new Error(`portman failed: ${portman.stdout}\n${portman.stderr}`);
  return require(collection);
}

function run(collection, name, variables) {
  const exchanges = [];
  const failures = [];
  return new Promise((resolve, reject) => {
    newman
      .run({ collection, envVar: Object.entries(variables).map(([key, value]) => ({ key, value })), timeoutRequest: 30000, reporters: [] })
      .on("request", (error, args) => {
        if (error) {
          failures.push(`${name}: ${args.item?.name}: no response (${error.message})`);
          return;
        }
        const headers = (list) => Object.fromEntries((list?.all?.() ?? []).filter((h) => !h.disabled).map((h) => [h.key.toLowerCase(), /^(authorization|x-functions-key)$/i.test(h.key) ? "***" : String(h.value)]));
        exchanges.push({
          method: args.request.method,
          url: args.request.url.toString(),
          requestHeaders: headers(args.request.headers),
          requestBody: args.request.body?.mode === "raw" ? args.request.body.raw : undefined,
          status: args.response.code,
          responseHeaders: headers(args.response.headers),
          responseBody: args.response.stream ? Buffer.from(args.response.stream).toString("utf8") : "",
        });
      })
      .on("done", (error) => (error ? reject(error) : resolve({ exchanges, failures })));
  });
}

await waitForHealth();
const collection = generate();
const credentials = [
  ["resident", "demo-resident"],
  ["youth-league worker", "demo-youth-worker"],
  ["moderator", "demo-moderator"],
];
const exchanges = [];
const failures = [];
// The callers are different people with their own limits, so their runs go side by side, as real callers do.
const runs = await Promise.all(
  credentials.map(async ([name, code]) => {
    const variables = { baseUrl: api, bearerToken: await login(code), apiKey: functionKey, functionKey, disposableToken: await login(`dev-blackbox-${crypto.randomUUID()}`) };
    return run(structuredClone(collection), name, variables);
  }),
);
for (const result of runs) {
  exchanges.push(...result.exchanges);
  failures.push(...result.failures);
}
const contract = await loadContract(contractFile);
const report = checkAll(contract, exchanges);
const violations = [...new Set([...failures, ...report.violations])];
writeFileSync(join(out, "blackbox-exchanges.jsonl"), exchanges.map((e) => JSON.stringify(e)).join("\n") + "\n");
writeFileSync(join(out, "blackbox.json"), JSON.stringify({ check: "generated black-box suite", credentials: credentials.length, ...report, violations }, null, 2));
console.log(`Generated black-box suite (portman + newman): ${report.checked} requests as ${credentials.length} callers, ${report.operationsCovered}/${report.operationsTotal} operations, ${report.refusedInvalid} invalid inputs refused, ${violations.length} violations`);
for (const v of violations.slice(0, 30)) console.log(`  ${v}`);
process.exit(violations.length > 0 || report.checked === 0 ? 1 : 0);
