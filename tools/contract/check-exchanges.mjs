// The outside check of the end-to-end suite: validates every exchange the tests recorded
// (tests/GongTongDizao.Testing/ExchangeRecorder.cs writes <results>/exchanges/*.jsonl) against openapi.yaml, and
// writes <results>/outside/exchanges.json for tools/test-summary.mjs. Exit code 1 on any violation.
// Usage: node tools/contract/check-exchanges.mjs <results-folder>
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkAll, loadContract } from "./openapi-check.mjs";

const results = process.argv[2] ?? "TestResults";
const contractFile = fileURLToPath(new URL("../../miniprogram-contract/openapi.yaml", import.meta.url));
const folder = join(results, "exchanges");
const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".jsonl")) : [];
const exchanges = files.flatMap((f) => readFileSync(join(folder, f), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)));
const contract = await loadContract(contractFile);
const report = checkAll(contract, exchanges);
const unique = [...new Set(report.violations)];
mkdirSync(join(results, "outside"), { recursive: true });
writeFileSync(join(results, "outside", "exchanges.json"), JSON.stringify({ check: "end-to-end exchanges", ...report, violations: unique }, null, 2));
console.log(`Outside check of the end-to-end exchanges: ${report.checked} exchanges, ${report.operationsCovered}/${report.operationsTotal} operations, ${unique.length} violations`);
for (const v of unique.slice(0, 30)) console.log(`  ${v}`);
process.exit(unique.length > 0 || report.checked === 0 ? 1 : 0);
