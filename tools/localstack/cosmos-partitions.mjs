// Queries see the partitions they name, as in Cosmos DB.
//
// @vercel/cosmosdb-server runs every query over every document of the container, and ignores the partition key a
// single-partition query is sent with. Two things follow that Cosmos DB does not do: a query sent for one partition
// could answer documents of another, and every query costs as much as the whole container holds, so a test run that
// has written tens of thousands of documents waits seconds for a query of one partition of ten (and the emulator,
// single-threaded, makes every other request wait with it). Here each container keeps an index of its documents by
// partition key value, and a query runs over:
//   - the documents of the partition in its x-ms-documentdb-partitionkey header, when it names one;
//   - otherwise what cosmos-property-index.mjs finds for the filter, as Cosmos DB's index would: for example the
//     partitions listed in ARRAY_CONTAINS(@ids, c.<partition key>), the way a page of a broadcast asks for 500
//     residents' preferences;
//   - every document when neither applies.
// The query engine still evaluates the whole WHERE clause on what it is given, so the answer is exactly what it was
// for a query that names no partition, and exactly Cosmos DB's for one that does.
import { createRequire } from "node:module";
import { runPaged } from "./cosmos-paging.mjs";
import { indexedCandidates, trackDelete, trackWrite } from "./cosmos-property-index.mjs";

const require = createRequire(import.meta.url);
const Items = require("@vercel/cosmosdb-server/lib/account/items").default;
const jsonModule = require("@vercel/cosmosdb-server/lib/json");
const patchModule = require("@vercel/cosmosdb-server/lib/handler/_patch-operations");
const { parsePartitionKey } = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");

const partitionHeader = Symbol("x-ms-documentdb-partitionkey");
const undefinedKey = "\u0000undefined";
const indexes = new WeakMap();
// The partition of the document a conditional patch is checking (see below), while it checks it.
let conditionPartition;

export function installPartitionIndex() {
  // The emulator's query handler hands the parsed body to Items.query and nothing else; the partition key header
  // travels on the body as a hidden (non-enumerable, never serialised or copied) property.
  const readJson = jsonModule.default;
  jsonModule.default = async (req) => {
    const body = await readJson(req);
    const header = req.headers["x-ms-documentdb-partitionkey"];
    if (header !== undefined && body && typeof body === "object" && typeof body.query === "string") {
      Object.defineProperty(body, partitionHeader, { value: Array.isArray(header) ? header[0] : header });
    }
    return body;
  };

  const set = Items.prototype._set;
  Items.prototype._set = function indexedSet(data) {
    const stored = set.call(this, data);
    const partitions = partitionsOf(this);
    const key = keyOf(this._getPartition(stored));
    if (partitions.has(key)) partitions.get(key).add(stored._rid);
    else partitions.set(key, new Set([stored._rid]));
    trackWrite(this, stored);
    return stored;
  };

  const remove = Items.prototype.delete;
  Items.prototype.delete = function indexedDelete(idOrRid, partition) {
    const data = this._item("/id", idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    if (data) {
      const key = keyOf(this._getPartition(data));
      const rids = partitionsOf(this).get(key);
      rids?.delete(data._rid);
      if (rids?.size === 0) partitionsOf(this).delete(key);
      trackDelete(this, data._rid);
    }
  };

  // A conditional patch (FilterPredicate) checks its condition with a query for the document's id, which the emulator
  // runs over every partition: another partition's document with the same id (every person's "quota~<template>") could
  // satisfy it. Cosmos DB checks the condition on the one document being patched, so the query is held to its
  // partition. The check runs synchronously inside patchOperation, so nothing else can see the variable meanwhile.
  const patchOperation = patchModule.patchOperation;
  patchModule.patchOperation = function scopedPatchOperation(collection, input) {
    if (!input?.condition) return patchOperation(collection, input);
    conditionPartition = keyOf(parsePartitionKey(input.partitionKey, input.id));
    try {
      return patchOperation(collection, input);
    } finally {
      conditionPartition = undefined;
    }
  };

  Items.prototype.query = function partitionedQuery(params, { maxItemCount, continuation }) {
    if (!this._parent.read()) return null;
    const rids = candidates(this, params) ?? indexedCandidates(this, params.query, params.parameters);
    const data = rids === null
      ? [...this._data.values()].map((item) => item.read())
      : [...rids].map((rid) => this._data.get(rid)?.read()).filter(Boolean);
    const parent = this._parent.read();
    const compositeIndexes = (parent.indexingPolicy ? parent.indexingPolicy.compositeIndexes : null) || [];
    try {
      const query = this._getQuery(params.query);
      const run = (documents) => query.exec(documents, {
        parameters: params.parameters,
        udf: this._userDefinedFunctions(),
        maxItemCount,
        continuation,
        compositeIndexes,
      });
      return runPaged(data, params.query, maxItemCount, continuation, run);
    } catch (err) {
      err.badRequest = true;
      throw err;
    }
  };
}

// The emulator refuses a single-partition query whose WHERE clause does not name the partition key ("missing partition
// keys"); Cosmos DB runs it over that partition. Since the query now runs over that partition only, the refusal goes:
// the emulator checks only requests that do not allow crossing partitions.
export function admitSinglePartitionQuery(req) {
  if (req.method === "POST" && req.headers["x-ms-documentdb-partitionkey"] !== undefined
    && (String(req.headers["x-ms-documentdb-isquery"]).toLowerCase() === "true" || req.headers["content-type"] === "application/query+json")) {
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  }
}

function partitionsOf(items) {
  let partitions = indexes.get(items);
  if (!partitions) {
    partitions = new Map();
    indexes.set(items, partitions);
  }
  return partitions;
}

function keyOf(value) {
  return value === undefined ? undefinedKey : JSON.stringify(value);
}

// The rids a query may answer from, or null for all of them.
function candidates(items, params) {
  const partitions = partitionsOf(items);
  if (conditionPartition !== undefined) return partitions.get(conditionPartition) ?? [];
  const header = params[partitionHeader];
  if (header !== undefined) {
    const values = JSON.parse(header);
    if (!Array.isArray(values) || values.length !== 1) return null;
    const [value] = values;
    const key = value !== null && typeof value === "object" ? undefinedKey : keyOf(value);
    return partitions.get(key) ?? [];
  }
  return null;
}
