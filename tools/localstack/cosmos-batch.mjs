// Transactional batches and bulk for the Cosmos emulator, in the wire format the .NET SDK speaks to Cosmos DB's
// gateway: a HybridRow RecordIO stream of BatchOperation rows in, of BatchResult rows out (the schemas are
// azure-cosmos-dotnet-v3's HybridRowBatchSchemas.json; the row and stream grammar is microsoft/HybridRow's Grammar.md
// and RecordIO.md). @vercel/cosmosdb-server only parses the JavaScript SDK's JSON batches, so the .NET SDK's were
// refused and the app could use neither batches nor bulk. Operations run on the emulator's own in-memory store, one
// after another with nothing awaited in between, so no other request interleaves; an atomic batch that fails puts
// every document it touched back as it was, as Cosmos DB's transaction does. See docs/decisions/0018.
import { crc32 } from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const operations = require("@vercel/cosmosdb-server/lib/handler/_document-operations");
// Looked up at each call, not destructured here: cosmos-partitions.mjs wraps it once the emulator starts.
const patchHandlers = require("@vercel/cosmosdb-server/lib/handler/_patch-operations");
const { parsePartitionKey } = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");

const V1 = 0x81;
const SEGMENT = 2147473648;
const RECORD = 2147473649;
const BATCH_OPERATION = 2145473648;
const BATCH_RESULT = 2145473649;

// LayoutCode values of the sparse fields these schemas use.
const UTF8 = 20;
const BINARY = 21;
const INT32 = 7;
const UINT32 = 11;
const FLOAT64 = 16;
const BOOLEAN_TRUE = 3;
const BOOLEAN_FALSE = 2;

// OperationType as the SDK numbers it (Microsoft.Azure.Documents.OperationType).
const OPERATION_TYPES = { 0: "Create", 1: "Patch", 2: "Read", 4: "Delete", 5: "Replace", 20: "Upsert" };

// Paths are interned in schema order from 1 (BatchOperation's ifMatch is 9, BatchResult's requestCharge 6).
const OPERATION_SPARSE = { 8: "indexingDirective", 9: "ifMatch", 10: "ifNoneMatch", 11: "timeToLiveInSeconds", 12: "minimalReturnPreference" };
const OPERATION_TOKENS = 13;
const RESULT_RETRY_AFTER = 5;
const RESULT_REQUEST_CHARGE = 6;

export function isBatchRequest(req) {
  return req.method === "POST" && String(req.headers["x-ms-cosmos-is-batch-request"]).toLowerCase() === "true";
}

/** Decodes a RecordIO stream of BatchOperation rows into plain operations. */
export function decodeOperations(buffer) {
  const decoded = [];
  let position = 0;
  while (position < buffer.length) {
    const schema = schemaAt(buffer, position);
    if (schema === SEGMENT) {
      // The segment header's length field (present, fixed) covers the header row itself.
      position += buffer.readInt32LE(position + 6);
      continue;
    }
    if (schema !== RECORD) throw new BatchFormatError(`expected a RecordIO record at ${position}, found schema ${schema}`);
    const length = buffer.readInt32LE(position + 5);
    const crc = buffer.readUInt32LE(position + 9);
    const body = buffer.subarray(position + 13, position + 13 + length);
    if (body.length !== length || crc32(body) !== crc) throw new BatchFormatError(`record at ${position} is cut short or fails its CRC`);
    decoded.push(decodeOperation(body));
    position += 13 + length;
  }
  return decoded;
}

function decodeOperation(row) {
  if (schemaAt(row, 0) !== BATCH_OPERATION) throw new BatchFormatError("not a BatchOperation row");
  const presence = row[5];
  const operation = {};
  if (presence & 1) operation.operationType = OPERATION_TYPES[row.readInt32LE(6)] ?? `Unknown(${row.readInt32LE(6)})`;
  let position = 14;
  for (const [bit, name] of [[2, "partitionKey"], [3, "effectivePartitionKey"], [4, "id"], [5, "binaryId"], [6, "resourceBody"]]) {
    if (!(presence & (1 << bit))) continue;
    const [length, start] = readVarUInt(row, position);
    const bytes = row.subarray(start, start + length);
    operation[name] = name === "partitionKey" || name === "id" ? bytes.toString("utf8") : bytes;
    position = start + length;
  }
  while (position < row.length) {
    const code = row[position];
    const [token, start] = readVarUInt(row, position + 1);
    if (token >= OPERATION_TOKENS) throw new BatchFormatError(`sparse path ${token} is not interned`);
    const name = OPERATION_SPARSE[token];
    position = start;
    if (code === UTF8 || code === BINARY) {
      const [length, valueStart] = readVarUInt(row, position);
      operation[name] = row.subarray(valueStart, valueStart + length).toString("utf8");
      position = valueStart + length;
    } else if (code === INT32) {
      operation[name] = row.readInt32LE(position);
      position += 4;
    } else if (code === BOOLEAN_TRUE || code === BOOLEAN_FALSE) {
      operation[name] = code === BOOLEAN_TRUE;
    } else {
      throw new BatchFormatError(`sparse type ${code} is not one BatchOperation uses`);
    }
  }
  return operation;
}

/** Encodes results (statusCode, subStatusCode, eTag, resourceBody, requestCharge, retryAfterMilliseconds) as RecordIO. */
export function encodeResults(results) {
  const rows = results.map(encodeResult);
  const segment = Buffer.alloc(10);
  writeHeader(segment, SEGMENT);
  segment[5] = 1;
  segment.writeInt32LE(10, 6);
  const parts = [segment];
  for (const row of rows) {
    const record = Buffer.alloc(13);
    writeHeader(record, RECORD);
    record.writeInt32LE(row.length, 5);
    record.writeUInt32LE(crc32(row), 9);
    parts.push(record, row);
  }
  return Buffer.concat(parts);
}

function encodeResult(result) {
  const eTag = result.eTag ? Buffer.from(result.eTag, "utf8") : null;
  const body = result.resourceBody ? Buffer.from(JSON.stringify(result.resourceBody), "utf8") : null;
  const fixed = Buffer.alloc(14);
  writeHeader(fixed, BATCH_RESULT);
  fixed[5] = 0b11 | (eTag ? 0b100 : 0) | (body ? 0b1000 : 0);
  fixed.writeInt32LE(result.statusCode, 6);
  fixed.writeInt32LE(result.subStatusCode ?? 0, 10);
  const parts = [fixed];
  for (const value of [eTag, body]) {
    if (value) parts.push(varUInt(value.length), value);
  }
  const charge = Buffer.alloc(10);
  charge[0] = FLOAT64;
  charge[1] = RESULT_REQUEST_CHARGE;
  charge.writeDoubleLE(result.requestCharge ?? 0, 2);
  parts.push(charge);
  if (result.retryAfterMilliseconds) {
    const retry = Buffer.alloc(6);
    retry[0] = UINT32;
    retry[1] = RESULT_RETRY_AFTER;
    retry.writeUInt32LE(result.retryAfterMilliseconds, 2);
    parts.push(retry);
  }
  return Buffer.concat(parts);
}

/**
 * Runs the operations against the collection in order. Atomic: the first failure stops the batch, the others answer
 * 424, and every document touched is restored. Otherwise (bulk) each operation stands alone.
 */
export function execute(collection, decoded, { atomic, partitionKeyHeader }) {
  const touched = new Map();
  const results = [];
  let failed = false;
  for (const operation of decoded) {
    if (failed && atomic) {
      results.push({ statusCode: 424, requestCharge: 0 });
      continue;
    }
    const input = toInput(operation, partitionKeyHeader);
    if (atomic) remember(collection, touched, input);
    const outcome = run(collection, operation.operationType, input);
    const ok = outcome.statusCode < 400;
    failed ||= !ok;
    const quiet = operation.minimalReturnPreference && operation.operationType !== "Read";
    results.push({
      statusCode: outcome.statusCode,
      requestCharge: ok ? 1 : 0,
      eTag: ok ? outcome.body?._etag : undefined,
      resourceBody: ok && !quiet && outcome.body?.id ? outcome.body : undefined,
    });
  }
  if (failed && atomic) {
    for (const [, { id, partition, before }] of touched) restore(collection, id, partition, before);
    // The results of the operations that ran before the failure describe nothing that was kept.
    const failure = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
    for (let i = 0; i < failure; i += 1) results[i] = { statusCode: 424, requestCharge: 0 };
  }
  return { status: failed ? 207 : 200, results };
}

function toInput(operation, partitionKeyHeader) {
  const resourceBody = operation.resourceBody?.length ? JSON.parse(operation.resourceBody.toString("utf8")) : undefined;
  return {
    id: operation.id ?? resourceBody?.id,
    partitionKey: operation.partitionKey ?? partitionKeyHeader,
    resourceBody,
    ifMatch: operation.ifMatch,
  };
}

function run(collection, type, input) {
  switch (type) {
    case "Create":
      return operations.createOperation(collection, input);
    case "Upsert":
      return operations.upsertOperation(collection, input);
    case "Replace":
      return operations.replaceOperation(collection, input);
    case "Read":
      return operations.readOperation(collection, input);
    case "Delete":
      return operations.deleteOperation(collection, input);
    case "Patch": {
      const { operations: patches, condition } = input.resourceBody ?? {};
      return patchHandlers.patchOperation(collection, { id: input.id, partitionKey: input.partitionKey, ifMatch: input.ifMatch, operations: patches, condition });
    }
    default:
      return { statusCode: 400, body: { code: "BadRequest", message: `Operation type '${type}' is not supported in Batch.` } };
  }
}

function remember(collection, touched, input) {
  if (!input.id) return;
  const partition = parsePartitionKey(input.partitionKey, input.id);
  const key = JSON.stringify([partition, input.id]);
  if (!touched.has(key)) touched.set(key, { id: input.id, partition, before: collection.document(input.id, partition).read() });
}

function restore(collection, id, partition, before) {
  const now = collection.document(id, partition).read();
  if (before) {
    // The stored document as it was, with its own _etag and _ts: the batch never happened.
    collection.documents._set(before);
  } else if (now) {
    collection.documents.delete(id, partition);
  }
}

export class BatchFormatError extends Error {}

function schemaAt(buffer, position) {
  if (buffer[position] !== V1) throw new BatchFormatError(`not a HybridRow V1 row at ${position}`);
  return buffer.readInt32LE(position + 1);
}

function writeHeader(buffer, schema) {
  buffer[0] = V1;
  buffer.writeInt32LE(schema, 1);
}

function readVarUInt(buffer, position) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buffer[position];
    position += 1;
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, position];
    shift += 7;
  }
}

function varUInt(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}
