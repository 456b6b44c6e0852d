// Starts @vercel/cosmosdb-server on loopback for local development and tests.
//
// The .NET SDK asks the gateway for a query plan on Linux (x-ms-cosmos-is-query-plan-request), which
// this emulator does not implement; answering with a pass-through plan lets the SDK send the query as is
// (the emulator runs ORDER BY, COUNT and filters itself). See docs/decisions/0001-local-stack.md.
import { createRequire } from "node:module";
import { setDefaultHighWaterMark } from "node:stream";
import { parseArgs } from "node:util";
import { BatchFormatError, decodeOperations, encodeResults, execute, isBatchRequest } from "./cosmos-batch.mjs";
import { admitSinglePartitionQuery, installPartitionIndex } from "./cosmos-partitions.mjs";

const require = createRequire(import.meta.url);
// The emulator keeps its account (the in-memory store) to itself; batches run on it directly (cosmos-batch.mjs), so
// the account is recorded as it is created, before the server module that creates it is loaded.
const accountModule = require("@vercel/cosmosdb-server/lib/account");
let account;
accountModule.default = class extends accountModule.default {
  constructor(...args) {
    super(...args);
    account = this;
  }
};
installPartitionIndex();
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8081" },
    host: { type: "string", default: "127.0.0.1" },
    "parent-pid": { type: "string" },
    // Milliseconds added to every answer (LocalStack:CosmosLatency): Azure's round trip for the bench, 0 otherwise.
    "latency-ms": { type: "string", default: "0" },
  },
});

const passThroughPlan = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    dCountInfo: null,
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
});

// Node pauses a keep-alive connection's HTTP parser when a request arrives while the answer before it still waits to
// drain (its guard against floods of pipelined requests). Over TLS, the rest of that request's body may already be
// decrypted, and it reaches the paused parser, which fails with HPE_PAUSED: the connection is reset. Under load (bulk
// answers of many documents to a busy client that sends its next bulk request at once) this reset one bulk request in
// every few broadcasts of the fan-out bench, failing 25 deliveries at once, where Cosmos DB's gateway would have
// answered (decision 0021). A connection whose answers never wait to drain never pauses: any answer up to Cosmos DB's
// 4 MB limit fits in the buffer.
setDefaultHighWaterMark(false, 8 * 1024 * 1024);

// Keep-alive, as Cosmos DB's gateway does: by default this emulator answers every request with "connection: close",
// so each SDK call paid a new TCP connection and TLS handshake, which cost more CPU than the call itself and made every
// store round trip slower than in Azure. The server keeps an idle connection longer than .NET's pool does (1 minute),
// so the client always closes first and never sends on a connection the server has just dropped.
const server = createHttpsServer({ keepAlive: true });
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
// The emulator prints a stack trace for the crash that answerMissingDocumentsWith404 repairs; keep the log readable.
const consoleError = console.error;
console.error = (...args) => {
  if (String(args[0]?.message ?? args[0]).includes("Cannot read properties of undefined (reading '")) return;
  consoleError(...args);
};
const [emulatorHandler] = server.listeners("request");
server.removeAllListeners("request");
const latencyMs = Number(values["latency-ms"]);
server.on("request", (req, res) => {
  if (latencyMs > 0) {
    const end = res.end.bind(res);
    res.end = (...args) => {
      setTimeout(() => end(...args), latencyMs);
      return res;
    };
  }
  if (String(req.headers["x-ms-cosmos-is-query-plan-request"]).toLowerCase() === "true") {
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "x-ms-request-charge": "0", "x-ms-activity-id": crypto.randomUUID() });
    res.end(passThroughPlan);
    return;
  }
  if (isBatchRequest(req)) {
    answerBatch(req, res);
    return;
  }
  if (req.method === "GET" && /\/docs\/[^/]+$/.test(req.url ?? "")) {
    answerMissingDocumentsWith404(res);
  }
  admitSinglePartitionQuery(req);
  emulatorHandler.call(server, req, res);
});

// Reading a document that does not exist crashes inside the emulator (read-document.js dereferences the missing
// document) and comes back as 500; Cosmos DB answers 404 NotFound, which is what the SDK and our code expect.
function answerMissingDocumentsWith404(res) {
  const end = res.end.bind(res);
  res.end = (body, ...rest) => {
    if (res.statusCode === 500 && String(body ?? "").includes("Cannot read properties of undefined")) {
      res.statusCode = 404;
      return end(JSON.stringify({ code: "NotFound", message: "Entity with the specified id does not exist in the system." }), ...rest);
    }
    return end(body, ...rest);
  };
}

// POST /dbs/{db}/colls/{coll}/docs with x-ms-cosmos-is-batch-request: a transactional batch (atomic) or a bulk page.
function answerBatch(req, res) {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const headers = { "x-ms-activity-id": crypto.randomUUID(), "x-ms-request-charge": "1", connection: "keep-alive" };
    const [, dbId, collId] = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/.exec(req.url ?? "") ?? [];
    const collection = dbId ? account?.database(decodeURIComponent(dbId)).collection(decodeURIComponent(collId)) : undefined;
    if (!collection?.read()) {
      res.writeHead(404, { ...headers, "content-type": "application/json" });
      res.end(JSON.stringify({ code: "NotFound", message: "The collection does not exist." }));
      return;
    }
    try {
      const atomic = String(req.headers["x-ms-cosmos-batch-atomic"]).toLowerCase() === "true";
      const { status, results } = execute(collection, decodeOperations(Buffer.concat(chunks)), { atomic, partitionKeyHeader: req.headers["x-ms-documentdb-partitionkey"] });
      res.writeHead(status, { ...headers, "content-type": "application/octet-stream" });
      res.end(encodeResults(results));
    } catch (err) {
      if (!(err instanceof BatchFormatError) && !(err instanceof SyntaxError)) consoleError(err);
      res.writeHead(err instanceof BatchFormatError || err instanceof SyntaxError ? 400 : 500, { ...headers, "content-type": "application/json" });
      res.end(JSON.stringify({ code: "BadRequest", message: `The batch request could not be read: ${err.message}` }));
    }
  });
}

server.on("error", (err) => {
  console.error(`cosmos-emulator: ${err.code === "EADDRINUSE" ? `port ${values.port} is already in use` : err.message}`);
  process.exit(2);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`cosmos-emulator: listening on https://${values.host}:${values.port}/`);
});

// Exit with the process that started us, so an aborted test run or a killed DevHost leaves nothing behind.
const parentPid = Number(values["parent-pid"] ?? 0);
if (parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 500).unref());
}
