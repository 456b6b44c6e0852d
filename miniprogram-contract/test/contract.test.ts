import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import catalogue from "../errors.json";
import templates from "../subscribe-templates.json";

/** The package root (this file runs from dist/test/). */
const root = resolve(__dirname, "..", "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

function freshGeneration(): string {
  const cli = join(root, "node_modules", "openapi-typescript", "bin", "cli.js");
  return execFileSync(process.execPath, [cli, "openapi.yaml"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("src/generated/api.ts is exactly what openapi-typescript generates from openapi.yaml", () => {
  const fresh = freshGeneration();
  assert.ok(fresh.includes("export interface paths"), "the generator produced types");
  assert.ok(read("src/generated/api.ts") === fresh, "src/generated/api.ts is stale: run `npm run generate`");
});

test("the committed src/generated/api.ts equals a fresh generation", (t) => {
  const file = "./src/generated/api.ts";
  const tracked = spawnSync("git", ["ls-files", "--error-unmatch", file], { cwd: root, encoding: "utf8" });
  if (tracked.error || tracked.status !== 0) {
    t.skip("src/generated/api.ts is not in git yet (or git is missing): nothing committed to compare");
    return;
  }
  // The index is what the next commit holds; in a fresh clone (CI) it is the commit itself.
  const committed = execFileSync("git", ["show", `:${file}`], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.ok(committed === freshGeneration(), "the committed src/generated/api.ts is stale: run `npm run generate` and commit it");
});

// Which routes the contract documents is checked against the build itself (functions.metadata) by
// tests/GongTongDizao.Functions.Tests/ContractRouteTests.cs, so no list of routes is repeated here.

test("Problem.code in the contract lists every code of errors.json and nothing else", () => {
  const generated = read("src/generated/api.ts");
  const problem = /\n {8}Problem: \{([\s\S]*?)\n {8}\};/.exec(generated)?.[1] ?? "";
  const union = /\n {12}code: ([^;]+);/.exec(problem)?.[1] ?? "";
  const codes = [...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...codes].sort(), catalogue.errors.map((e) => e.code).sort());
});

test("errors.json: unique codes, error statuses, and every action explained", () => {
  const codes = catalogue.errors.map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const e of catalogue.errors) {
    assert.ok(e.status >= 400 && e.status <= 599, e.code);
    assert.ok(Object.prototype.hasOwnProperty.call(catalogue.actions, e.action), `${e.code}: action ${e.action}`);
    assert.match(e.title, /\p{Script=Han}/u, `${e.code}: zh-CN title`);
  }
});

test("every ProblemDetails example in openapi.yaml uses its code's status and title from errors.json", () => {
  const lines = read("openapi.yaml").split("\n");
  const byCode = new Map(catalogue.errors.map((e) => [e.code, e]));
  let checked = 0;
  lines.forEach((line, i) => {
    const code = /^\s+code: ([A-Z_]+)$/.exec(line)?.[1];
    if (!code) return;
    const near = lines.slice(Math.max(0, i - 3), i).join("\n");
    const title = /title: (.+)/.exec(near)?.[1];
    const status = /status: (\d+)/.exec(near)?.[1];
    const entry = byCode.get(code);
    assert.ok(entry, `unknown code ${code} at line ${i + 1}`);
    assert.equal(title, entry.title, `title of ${code} at line ${i + 1}`);
    assert.equal(Number(status), entry.status, `status of ${code} at line ${i + 1}`);
    checked++;
  });
  assert.ok(checked >= 10, `found ${checked} examples`);
});

test("errors.md is generated from errors.json and up to date", () => {
  const fresh = execFileSync(process.execPath, [join(root, "scripts", "errors-md.mjs"), "--stdout"], { encoding: "utf8" });
  assert.ok(read("errors.md") === fresh, "errors.md is stale: run `node scripts/errors-md.mjs`");
  for (const e of catalogue.errors) assert.ok(fresh.includes(`| \`${e.code}\` | ${e.status} | ${e.title} |`), e.code);
});

// Value limits per keyword type (WeChat subscribe messages); time/date/amount have formats instead of lengths.
const limits: Record<string, number | undefined> = {
  thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5, phone_number: 17,
  time: undefined, date: undefined, amount: undefined,
};

test("subscribe-templates.json: the agreed keys, ≤ 5 keywords each, names and types consistent with WeChat's limits", () => {
  assert.deepEqual(Object.keys(templates).sort(), [
    "activityCancelled", "activityDeedScheduled", "activityReminder", "activitySeatOffered", "activitySignUpConfirmed", "activitySignUpDeclined",
    "broadcast", "letterAccepted", "letterAssigned", "letterDuplicate", "letterOverdue", "letterReceived", "letterReplied",
    "orderApproved", "orderDelivered", "orderDispatched", "orderPooled", "orderRatedLow", "orderReceived", "orderRejected",
    "orderTakeOverdue", "orderTaken",
    "topicCompleted", "topicDecided", "topicMeetingScheduled", "topicThresholdReached",
  ]);
  for (const [key, template] of Object.entries(templates)) {
    assert.match(key, /^[a-z][a-zA-Z]+$/, "camelCase key");
    assert.match(template.title, /^\p{Script=Han}/u, `${key}: zh-CN title`);
    assert.match(template.page, /^pages\/[a-z/]+(\?[a-zA-Z]+=(\{[a-zA-Z]+\}|[a-z]+)(&[a-zA-Z]+=(\{[a-zA-Z]+\}|[a-z]+))*)?$/, `${key}: page`);
    assert.ok(template.keywords.length >= 1 && template.keywords.length <= 5, `${key}: 1 to 5 keywords`);
    const names = new Set<string>();
    for (const keyword of template.keywords as Array<{ name: string; type: string; source?: string; value?: string }>) {
      const m = /^([a-z_]+?)(\d+)$/.exec(keyword.name);
      assert.ok(m, `${key}.${keyword.name}: name like thing1`);
      assert.equal(m[1], keyword.type, `${key}.${keyword.name}: the name's prefix is its type`);
      assert.ok(keyword.type in limits, `${key}.${keyword.name}: known type ${keyword.type}`);
      assert.ok(!names.has(keyword.name), `${key}.${keyword.name}: unique`);
      names.add(keyword.name);
      assert.ok((keyword.source === undefined) !== (keyword.value === undefined), `${key}.${keyword.name}: a source or a fixed value`);
      if (keyword.source !== undefined) assert.match(keyword.source, /^[a-z][a-zA-Z]+$/, `${key}.${keyword.name}: source is an event field`);
      const limit = limits[keyword.type];
      if (keyword.value !== undefined && limit !== undefined) {
        assert.ok([...keyword.value].length <= limit, `${key}.${keyword.name}: fixed value within ${limit} characters`);
      }
    }
  }
});

test("subscribe-templates.json holds no WeChat template ids (they come from WeChat__Templates__<key> settings)", () => {
  const text = read("subscribe-templates.json");
  assert.doesNotMatch(text, /"(templateId|template_id|id)"\s*:/);
  assert.doesNotMatch(text, /[A-Za-z0-9_-]{40,}/, "no template-id-like strings");
});
