// Cross-partition queries read what Cosmos DB's index names, not every document.
//
// Cosmos DB indexes every path by default, so a filter such as `c.homeCommunityId = @c`,
// `ARRAY_CONTAINS(@communities, u.homeCommunityId)` or `IS_DEFINED(c.outbox[0].id)` is answered by an index seek that
// costs what it finds. @vercel/cosmosdb-server evaluates the filter on every document of the container, on one
// thread, while every other request waits: a broadcast page's audience query over 10,000 residents took 250 ms of the
// emulator's only thread, 21 times per broadcast, and the outbox sweeper's minute-by-minute query blocked it for
// seconds once a run had written tens of thousands of inbox items. Here each container keeps, for every property path
// such a filter has named, an index of its documents by the value at that path (built on first use, then kept on every
// write and delete), and a cross-partition query that is a plain conjunction (no OR, NOT, JOIN, EXISTS or subquery)
// runs over the documents of its most selective indexed conjunct:
//   - `alias.path = @param` (a string, number, boolean or null): the documents with that value;
//   - `ARRAY_CONTAINS(@param, alias.path)` (an array of those): the documents with one of its values; the partition
//     key's path too, as when a page of a broadcast reads its 500 residents' preferences;
//   - `IS_DEFINED(alias.path)`: the documents where the path has a value.
// The query engine still evaluates the whole WHERE clause on them, so the answer is exactly that of a full scan. A
// stale entry (a document since deleted some other way) is harmless: candidates are read as they are now.

const indexes = new WeakMap();
const identifier = "[A-Za-z_][A-Za-z0-9_]*";

/** The rids a cross-partition query may answer from, or null when no conjunct is indexable. */
export function indexedCandidates(items, query, parameters) {
  const where = plainWhere(query);
  if (!where) return null;
  const values = new Map((parameters ?? []).map((p) => [p.name, p.value]));
  const path = `${where.alias}((?:\\.${identifier}|\\[\\d+\\])+)`;
  const options = [];
  for (const m of matches(where.text, new RegExp(`\\b${path}\\s*(?<![!<>=])=(?!=)\\s*(@${identifier})`, "gi"))) {
    if (topLevel(where.text, m.index)) options.push(equal(items, m[1], values.get(m[2]), values.has(m[2])));
  }
  for (const m of matches(where.text, new RegExp(`\\bARRAY_CONTAINS\\s*\\(\\s*(@${identifier})\\s*,\\s*${path}\\s*\\)`, "gi"))) {
    if (topLevel(where.text, m.index)) options.push(listed(items, m[2], values.get(m[1])));
  }
  for (const m of matches(where.text, new RegExp(`\\bIS_DEFINED\\s*\\(\\s*${path}\\s*\\)`, "gi"))) {
    if (topLevel(where.text, m.index)) options.push(defined(items, m[1]));
  }

  const usable = options.filter(Boolean);
  if (usable.length === 0) return null;
  usable.sort((a, b) => a.size - b.size);
  return usable[0].rids();
}

/** Keeps every index of the container true to a document just stored. */
export function trackWrite(items, stored) {
  for (const index of indexesOf(items).values()) index.put(stored._rid, stored);
}

/** Drops a deleted document from every index of the container. */
export function trackDelete(items, rid) {
  for (const index of indexesOf(items).values()) index.drop(rid);
}

// The WHERE clause of a single-SELECT query without OR, NOT, JOIN, EXISTS or subquery, and the FROM alias.
function plainWhere(query) {
  if (/\b(OR|NOT|JOIN|EXISTS)\b/i.test(query) || (query.match(/\bSELECT\b/gi) ?? []).length !== 1) return null;
  const alias = new RegExp(`\\bFROM\\s+(${identifier})`, "i").exec(query)?.[1];
  const where = /\bWHERE\b([\s\S]*?)(?:\bORDER\s+BY\b|\bGROUP\s+BY\b|\bOFFSET\b|$)/i.exec(query);
  return alias && where ? { alias, text: where[1] } : null;
}

function* matches(text, regex) {
  for (let m = regex.exec(text); m; m = regex.exec(text)) yield m;
}

// Whether the conjunct at `at` stands on its own: every parenthesis around it only groups (none is a function's).
function topLevel(text, at) {
  const open = [];
  for (let i = 0; i < at; i++) {
    if (text[i] === "(") open.push(!/^(AND|WHERE)?$/i.test(/([A-Za-z0-9_]*)\s*$/.exec(text.slice(0, i))[1]));
    else if (text[i] === ")") open.pop();
  }
  return !open.some((isCall) => isCall);
}

function equal(items, path, value, given) {
  if (!given || !scalar(value)) return null;
  const index = indexOf(items, path);
  const rids = index.byValue.get(keyOf(value));
  return { size: rids?.size ?? 0, rids: () => (rids ? [...rids] : []) };
}

function listed(items, path, value) {
  if (!Array.isArray(value) || !value.every(scalar)) return null;
  const index = indexOf(items, path);
  const sets = [...new Set(value.map(keyOf))].map((key) => index.byValue.get(key)).filter(Boolean);
  return { size: sets.reduce((n, s) => n + s.size, 0), rids: () => sets.flatMap((s) => [...s]) };
}

function defined(items, path) {
  const index = indexOf(items, path);
  return { size: index.keyOf.size, rids: () => [...index.keyOf.keys()] };
}

function scalar(value) {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function keyOf(value) {
  return JSON.stringify(value);
}

function indexesOf(items) {
  let byPath = indexes.get(items);
  if (!byPath) {
    byPath = new Map();
    indexes.set(items, byPath);
  }
  return byPath;
}

// The index of one path, built from every document the first time a query names it.
function indexOf(items, path) {
  const byPath = indexesOf(items);
  let index = byPath.get(path);
  if (!index) {
    index = new PathIndex(path);
    for (const [rid, item] of items._data) {
      const data = item.read();
      if (data) index.put(rid, data);
    }
    byPath.set(path, index);
  }
  return index;
}

class PathIndex {
  constructor(path) {
    this.steps = [...path.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
    this.byValue = new Map();
    this.keyOf = new Map();
  }

  put(rid, data) {
    this.drop(rid);
    let value = data;
    for (const step of this.steps) {
      value = value !== null && typeof value === "object" ? value[step] : undefined;
      if (value === undefined) return;
    }
    const key = keyOf(value);
    this.keyOf.set(rid, key);
    if (this.byValue.has(key)) this.byValue.get(key).add(rid);
    else this.byValue.set(key, new Set([rid]));
  }

  drop(rid) {
    const key = this.keyOf.get(rid);
    if (key === undefined) return;
    this.keyOf.delete(rid);
    const rids = this.byValue.get(key);
    rids.delete(rid);
    if (rids.size === 0) this.byValue.delete(key);
  }
}
