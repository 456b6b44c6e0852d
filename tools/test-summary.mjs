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
const contract = join(dir, "contract.log");
if (existsSync(contract)) {
  const log = readFileSync(contract, "utf8");
  passed += Number(log.match(/^# pass (\d+)/m)?.[1] ?? 0);
  failed += Number(log.match(/^# fail (\d+)/m)?.[1] ?? 0);
  skipped += Number(log.match(/^# skipped (\d+)/m)?.[1] ?? 0);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
