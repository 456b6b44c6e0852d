// A page of a query costs what the page holds, not everything before and after it.
//
// @vercel/cosmosdb-server answers a page by running the whole query, sorting every match by _rid and cutting the page
// out after the continuation's _rid; Cosmos DB resumes from its index at the continuation. So a broadcast that reads
// its 10,000-resident audience 500 at a time made the emulator evaluate and sort all 10,000 for each of its 20 pages
// (220 ms of its only thread per page), and a million residents would cost it 2,000 times a million. Here a plain
// page (a query that returns documents in _rid order: no ORDER BY, GROUP BY, DISTINCT, TOP, OFFSET, JOIN or
// aggregate) runs over the candidates from the continuation's _rid on, in _rid order, a slice at a time: it is done
// as soon as a slice yields more matches than the page holds, because every match of the rest would sort after them.
// The page, and the continuation cut from it, are exactly the whole query's.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const continuationToken = require("@zeit/cosmosdb-query/lib/continuation-token");

/** The query's answer: `run(documents)` over as few of `data` as give the page `maxItemCount` asks for. */
export function runPaged(data, query, maxItemCount, continuation, run) {
  if (!(maxItemCount > 0) || /\b(ORDER\s+BY|GROUP\s+BY|DISTINCT|TOP|OFFSET|JOIN|COUNT|SUM|AVG|MIN|MAX)\b/i.test(query)) return run(data);
  const token = continuation ? continuationToken.decode(continuation.token) : null;
  // A token with sort values or an offset among rows of one document belongs to a shape this does not touch.
  if (token && (token.RTD !== undefined || token.SRC)) return run(data);
  const rest = data.filter((d) => d && !(token && d._rid < token.RID)).sort((a, b) => (a._rid < b._rid ? -1 : a._rid > b._rid ? 1 : 0));
  for (let size = 2 * maxItemCount + 1; ; size *= 4) {
    if (size >= rest.length) return run(rest);
    const answer = run(rest.slice(0, size));
    if (answer?.continuation) return answer;
  }
}
