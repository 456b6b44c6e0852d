// The outside checker's own tests: it must catch what it exists to catch (node --test tools/contract/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { checkAll, checkExchange, loadContract } from "./openapi-check.mjs";

const contract = await loadContract(fileURLToPath(new URL("../../miniprogram-contract/openapi.yaml", import.meta.url)));
const json = { "content-type": "application/json; charset=utf-8" };
const problemJson = { "content-type": "application/problem+json; charset=utf-8" };
const healthy = JSON.stringify({ status: "healthy", checks: { cosmos: { status: "up", durationMs: 5 }, storage: { status: "up", durationMs: 4 } } });
const health = { method: "GET", url: "http://127.0.0.1:7071/api/health", requestHeaders: {}, status: 200, responseHeaders: json, responseBody: healthy };
const problem = (status, code) => JSON.stringify({ type: `https://gongtongdizao.example/errors/${code.toLowerCase()}`, title: "x", status, code });
const letter = {
  method: "POST",
  url: "http://127.0.0.1:7071/api/letters",
  requestHeaders: { "content-type": "application/json; charset=utf-8", authorization: "***" },
  requestBody: JSON.stringify({ category: "employment", title: "招聘会", content: "请问最近有招聘会吗？", anonymous: false }),
  status: 400,
  responseHeaders: problemJson,
  responseBody: problem(400, "VALIDATION_FAILED"),
};

test("a response the contract describes passes", () => {
  assert.deepEqual(checkExchange(contract, health).violations, []);
  assert.deepEqual(checkExchange(contract, letter).violations, []);
});

test("an undeclared status, an undeclared content type and a body off the schema are violations", () => {
  assert.match(checkExchange(contract, { ...letter, status: 418 }).violations[0], /418 is not declared for submitLetter/);
  assert.match(checkExchange(contract, { ...health, responseHeaders: { "content-type": "text/html" } }).violations[0], /content type "text\/html" is not declared/);
  assert.match(checkExchange(contract, { ...health, responseBody: JSON.stringify({ status: "fine" }) }).violations[0], /does not match the schema/);
  assert.match(checkExchange(contract, { ...letter, responseBody: problem(400, "NO_SUCH_CODE") }).violations[0], /does not match the schema/);
});

test("a 500 is a violation even though the contract declares it", () => {
  const result = checkExchange(contract, { ...letter, status: 500, responseBody: problem(500, "INTERNAL_ERROR") });
  assert.match(result.violations[0], /server error 500/);
});

test("a request the contract forbids must be refused: accepted is a violation, a 4xx counts as refused", () => {
  const forbidden = { ...letter, requestBody: JSON.stringify({ title: 1 }) };
  assert.match(checkExchange(contract, { ...forbidden, status: 201, responseHeaders: json, responseBody: "{}" }).violations[0], /forbids this request/);
  const report = checkAll(contract, [forbidden, health]);
  assert.equal(report.violations.length, 0);
  assert.equal(report.refusedInvalid, 1);
  assert.equal(report.checked, 2);
});

test("an undeclared operation must be refused with 404 or 405; test-only and non-API paths are skipped", () => {
  assert.match(checkExchange(contract, { ...health, url: "http://h/api/nowhere" }).violations[0], /no such operation/);
  assert.deepEqual(checkExchange(contract, { ...health, url: "http://h/api/nowhere", status: 404, responseHeaders: problemJson, responseBody: problem(404, "NOT_FOUND") }).violations, []);
  assert.equal(checkExchange(contract, { ...health, url: "http://h/api/e2e/protected/1" }).skipped, true);
  assert.equal(checkExchange(contract, { ...health, url: "http://h/__simulator/faults" }).skipped, true);
});

test("literal path segments win over parameters", () => {
  const mine = { method: "GET", url: "http://h/api/letters/mine?pageSize=2", requestHeaders: {}, status: 401, responseHeaders: { ...problemJson, "www-authenticate": "Bearer" }, responseBody: problem(401, "UNAUTHENTICATED") };
  assert.equal(checkExchange(contract, mine).operation, "listMyLetters");
});
