// Adds up the .trx files of a dotnet test run and the node test runner's TAP summary into one closing line.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "TestResults";
let passed = 0, failed = 0, skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".trx"))) {
  const counters = readFileSync(join(dir, file), "utf8").match(/<Counters [^>]*>/)?.[0] ?? "";
  const read = (name) => Number(counters.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
  passed += read("passed");
  failed += read("failed") + read("error") + read("timeout") + read("aborted");
  skipped += read("notExecuted");
}
// The node test runner's TAP summaries: the contract's client tests, and the outside checker's own tests.
for (const tap of ["contract.log", "tools.log"].map((f) => join(dir, f)).filter(existsSync)) {
  const log = readFileSync(tap, "utf8");
  passed += Number(log.match(/^# pass (\d+)/m)?.[1] ?? 0);
  failed += Number(log.match(/^# fail (\d+)/m)?.[1] ?? 0);
  skipped += Number(log.match(/^# skipped (\d+)/m)?.[1] ?? 0);
}

// Every DevHost a test started wrote <dir>/logs/<fixture>-<n>.json when it stopped (tests/GongTongDizao.Testing/LogHygieneReport.cs).
let unreadable = 0;
const parse = (folder, file) => {
  try {
    return { file, ...JSON.parse(readFileSync(join(folder, file), "utf8")) };
  } catch (error) {
    unreadable++;
    console.log(`  ${join(folder, file)} is unreadable: ${error.message}`);
    return null;
  }
};
const readJson = (folder) => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".json")).sort() : [])
  .map((f) => parse(folder, f)).filter(Boolean);
const hosts = readJson(join(dir, "logs"));
const lines = hosts.reduce((sum, h) => sum + (h.lines ?? 0), 0);
const findings = hosts.reduce((sum, h) => sum + (h.findingCount ?? h.findings?.length ?? 0), 0);
console.log(`Log hygiene: ${lines} lines from ${hosts.length} hosts scanned, ${findings} findings`);
for (const host of hosts.filter((h) => (h.findings ?? []).length > 0)) {
  for (const finding of host.findings.slice(0, 20)) console.log(`  ${host.file}: ${finding.kind}: ${finding.sample}`);
  const more = (host.findingCount ?? host.findings.length) - Math.min(20, host.findings.length);
  if (more > 0) console.log(`  … ${more} more in ${host.file} (masked log beside it)`);
}
const trxFound = readdirSync(dir).some((f) => f.endsWith(".trx"));
if (trxFound && hosts.length === 0) console.log("  No DevHost wrote a log report: the suite-wide log scan did not run.");
const logsFailed = findings > 0 || unreadable > 0 || (trxFound && hosts.length === 0);

// Generated suites record how many cases they tried (tests/GongTongDizao.Testing/CaseTally.cs).
const cases = readJson(join(dir, "cases"));
if (cases.length > 0) {
  console.log(`Cases: ${cases.map((c) => `${c.suite} ${c.tried} tried, ${c.failed} failed`).join(" · ")}`);
}

// The outside contract checks (tools/contract/*.mjs): each writes <dir>/outside/<check>.json; every violation is a failure,
// and a check that was expected but wrote nothing fails too.
for (const [file, name] of [["exchanges.json", "end-to-end exchanges"], ["blackbox.json", "generated black-box suite"]]) {
  const path = join(dir, "outside", file);
  if (!existsSync(path)) {
    if (trxFound) {
      console.log(`Outside contract check (${name}): no report was written (see ${join(dir, file === "exchanges.json" ? "outside-exchanges.log" : "outside-blackbox.log")})`);
      failed++;
    }
    continue;
  }
  const report = parse(join(dir, "outside"), file);
  if (!report) {
    failed++;
    continue;
  }
  const violations = report.violations?.length ?? 0;
  console.log(`Outside contract check (${name}): ${report.checked} requests, ${report.operationsCovered}/${report.operationsTotal} operations, ${report.refusedInvalid} invalid inputs refused, ${violations} violations`);
  for (const v of (report.violations ?? []).slice(0, 20)) console.log(`  ${v}`);
  if (violations > 20) console.log(`  … ${violations - 20} more in ${path}`);
  failed += violations + (report.checked > 0 ? 0 : 1);
}

// The contract lint (redocly) counts as one check: clean means no errors and no warnings, as test.sh judges it.
const lintLog = join(dir, "contract-lint.log");
if (existsSync(lintLog)) {
  const lint = readFileSync(lintLog, "utf8");
  const problems = /Validation failed|\d+ warnings?|\berror\b/i.test(lint);
  console.log(`Contract lint (redocly): ${problems ? "problems found, see " + lintLog : "clean"}`);
  if (problems) failed++; else passed++;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 || logsFailed ? 1 : 0);
