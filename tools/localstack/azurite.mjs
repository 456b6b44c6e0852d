// Runs Azurite in memory on loopback and ends it with the process that started us.
// Azurite 3.37 rejects the service version that the current Azure.Storage SDKs send unless
// --skipApiVersionCheck is given; it does not always exit on SIGTERM, hence the SIGKILL fallback.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    "blob-port": { type: "string", default: "10000" },
    "queue-port": { type: "string", default: "10001" },
    "table-port": { type: "string", default: "10002" },
    "parent-pid": { type: "string" },
  },
});

const azuriteMain = require.resolve("azurite/dist/src/azurite.js");
const child = spawn(process.execPath, [
  azuriteMain,
  "--silent",
  "--inMemoryPersistence",
  "--skipApiVersionCheck",
  "--loose",
  "--disableProductStyleUrl",
  "--blobHost", values.host, "--blobPort", values["blob-port"],
  "--queueHost", values.host, "--queuePort", values["queue-port"],
  "--tableHost", values.host, "--tablePort", values["table-port"],
], { stdio: "inherit" });

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  setTimeout(() => { child.kill("SIGKILL"); process.exit(code); }, 3000).unref();
}
child.on("exit", (code) => process.exit(stopping ? 0 : code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));

const parentPid = Number(values["parent-pid"] ?? 0);
if (parentPid > 0) {
  setInterval(() => {
    try { process.kill(parentPid, 0); } catch { stop(0); }
  }, 1000).unref();
}
