// Checks recorded HTTP exchanges against miniprogram-contract/openapi.yaml with validators nobody here wrote
// (openapi-request-validator and openapi-response-validator on the dereferenced contract). The rules:
//  - every response has a status the operation declares, a declared content type, and a body that matches the schema;
//  - no 5xx other than the declared 503 (and 500 never, though declared: an INTERNAL_ERROR is a defect);
//  - a request the contract forbids must be refused (4xx), never accepted with a 2xx (query parameters the contract
//    does not name are not forbidden: OpenAPI leaves them open, and the app ignores them);
//  - a request to an undeclared path or method must be refused with 404 or 405.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import yaml from "js-yaml";
import $RefParser from "@apidevtools/json-schema-ref-parser";

const require = createRequire(import.meta.url);
const OpenAPIRequestValidator = require("openapi-request-validator").default;
const OpenAPIResponseValidator = require("openapi-response-validator").default;

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const customFormats = {
  "date-time": (v) => typeof v !== "string" || (rfc3339.test(v) && !Number.isNaN(Date.parse(v))),
  date: (v) => typeof v !== "string" || /^\d{4}-\d{2}-\d{2}$/.test(v),
  uri: (v) => typeof v !== "string" || /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(v),
  "uri-reference": (v) => typeof v !== "string" || !/\s/.test(v),
};
const methods = ["get", "put", "post", "delete", "patch"];
// Functions a test adds to the host itself (routes under /e2e/) are not the app and not in the contract.
const testOnlyPrefixes = ["/e2e/"];

/** Loads and dereferences the contract, and builds a router from (method, path) to a checker for that operation. */
export async function loadContract(file) {
  const spec = await $RefParser.dereference(yaml.load(readFileSync(file, "utf8")));
  const routes = [];
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const names = [];
      const regex = new RegExp(
        "^" + template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === "{" || c === "}" ? c : "\\" + c)).replace(/\{([^}]+)\}/g, (_, n) => (names.push(n), "([^/]+)")) + "$",
      );
      routes.push({ method, template, regex, names, operation, parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])], literal: template.replace(/\{[^}]+\}/g, "").length });
    }
  }
  // Literal segments win over parameters (/letters/mine before /letters/{id}).
  routes.sort((a, b) => b.literal - a.literal);
  const cache = new Map();
  const validators = (route) => {
    if (!cache.has(route)) {
      const request = new OpenAPIRequestValidator({
        parameters: route.parameters,
        requestBody: route.operation.requestBody,
        customFormats,
        ajvOptions: { coerceTypes: true, strict: false },
        enableHeadersLowercase: true,
      });
      const responses = {};
      for (const [status, response] of Object.entries(route.operation.responses ?? {})) {
        const json = Object.entries(response.content ?? {}).find(([type]) => /json/.test(type));
        if (json?.[1]?.schema) responses[status] = { description: response.description ?? "", schema: json[1].schema };
      }
      const response = Object.keys(responses).length > 0 ? new OpenAPIResponseValidator({ responses, customFormats }) : null;
      cache.set(route, { request, response });
    }
    return cache.get(route);
  };
  return { spec, routes, validators };
}

const mediaType = (header) => (header ?? "").split(";")[0].trim().toLowerCase();
const parseJson = (text) => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};
const brief = (errors) => (errors ?? []).slice(0, 3).map((e) => `${e.path ?? e.instancePath ?? ""} ${e.message}`.trim()).join("; ");

/**
 * Checks one exchange: { method, url, requestHeaders, requestBody, status, responseHeaders, responseBody }.
 * Returns { operation, requestValid, violations: [string] }.
 */
export function checkExchange(contract, exchange, apiPrefix = "/api") {
  const url = new URL(exchange.url, "http://localhost");
  if (!url.pathname.startsWith(apiPrefix + "/")) return { skipped: true, violations: [] };
  const path = decodeURI(url.pathname.slice(apiPrefix.length));
  if (testOnlyPrefixes.some((prefix) => path.startsWith(prefix))) return { skipped: true, violations: [] };
  const method = exchange.method.toLowerCase();
  const target = `${url.pathname}${url.search}`;
  const label = `${exchange.method} ${target.length > 160 ? `${target.slice(0, 160)}…(${target.length} chars)` : target} → ${exchange.status}`;
  const route = contract.routes.find((r) => r.method === method && r.regex.test(path));
  const violations = [];
  if (!route) {
    if (![404, 405].includes(exchange.status)) violations.push(`${label}: no such operation in the contract, yet not refused with 404/405`);
    return { operation: `(undeclared) ${exchange.method}`, violations };
  }
  const operation = route.operation.operationId ?? `${method} ${route.template}`;
  const { request, response } = contract.validators(route);

  // The request, as the contract describes it.
  const params = {};
  const match = route.regex.exec(path);
  route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
  // A parameter declared allowEmptyValue may be sent empty, which the contract defines as absent.
  const allowEmpty = new Set(route.parameters.filter((p) => p.in === "query" && p.allowEmptyValue).map((p) => p.name));
  const query = {};
  for (const [k, v] of url.searchParams) {
    if (v === "" && allowEmpty.has(k)) continue;
    query[k] = k in query ? [].concat(query[k], v) : v;
  }
  const headers = Object.fromEntries(Object.entries(exchange.requestHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  let body;
  let requestValid = true;
  const requestType = mediaType(headers["content-type"]);
  if (exchange.requestBody != null && exchange.requestBody !== "") {
    const parsed = requestType.includes("json") ? parseJson(exchange.requestBody) : { ok: false };
    if (parsed.ok) body = parsed.value;
    else requestValid = false;
  }
  if (exchange.requestBodyTruncated) requestValid = false;
  if (requestValid && route.operation.requestBody && body !== undefined && !Object.keys(route.operation.requestBody.content ?? {}).some((t) => mediaType(t) === requestType)) requestValid = false;
  if (requestValid && !route.operation.requestBody && body !== undefined) requestValid = false;
  let requestErrors = "";
  if (requestValid) {
    const result = request.validateRequest({ headers, body, query, params });
    if (result) {
      requestValid = false;
      requestErrors = brief(result.errors);
    }
  }
  if (!requestValid && exchange.status >= 200 && exchange.status < 300) {
    violations.push(`${label}: the contract forbids this request (${requestErrors || "body"}), yet it was accepted`);
  }

  // The response.
  const declared = route.operation.responses ?? {};
  const status = String(exchange.status);
  const declaredResponse = declared[status] ?? declared[`${status[0]}XX`] ?? declared.default;
  if (exchange.status >= 500 && exchange.status !== 503) violations.push(`${label}: server error ${exchange.status} ${exchange.responseBody?.slice(0, 200) ?? ""}`);
  if (!declaredResponse) {
    violations.push(`${label}: status ${status} is not declared for ${operation} (declared: ${Object.keys(declared).join(", ")})`);
    return { operation, requestValid, violations };
  }
  const responseHeaders = Object.fromEntries(Object.entries(exchange.responseHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const type = mediaType(responseHeaders["content-type"]);
  const hasBody = (exchange.responseBody ?? "") !== "";
  const contentTypes = Object.keys(declaredResponse.content ?? {}).map(mediaType);
  if (hasBody && !contentTypes.includes(type)) {
    violations.push(`${label}: content type "${type}" is not declared for ${status} (declared: ${contentTypes.join(", ") || "no body"})`);
  } else if (!hasBody && contentTypes.length > 0 && exchange.method !== "HEAD") {
    violations.push(`${label}: empty body, the contract declares ${contentTypes.join(", ")}`);
  } else if (hasBody && type.includes("json") && response && !exchange.responseBodyTruncated) {
    const parsed = parseJson(exchange.responseBody);
    if (!parsed.ok) violations.push(`${label}: the body is not JSON`);
    else {
      const result = response.validateResponse(exchange.status, parsed.value);
      if (result) violations.push(`${label}: the body does not match the schema: ${brief(result.errors)}`);
    }
  }
  for (const [name, header] of Object.entries(declaredResponse.headers ?? {})) {
    if (header.required && !(name.toLowerCase() in responseHeaders)) violations.push(`${label}: the required header ${name} is missing`);
  }
  return { operation, requestValid, violations };
}

/** Checks many exchanges; returns counts and the violations (deduplicated by message). */
export function checkAll(contract, exchanges) {
  const operations = new Set();
  const violations = [];
  let checked = 0;
  let refusedInvalid = 0;
  for (const exchange of exchanges) {
    const result = checkExchange(contract, exchange);
    if (result.skipped) continue;
    checked++;
    operations.add(result.operation);
    if (result.requestValid === false && result.violations.length === 0) refusedInvalid++;
    violations.push(...result.violations);
  }
  const covered = [...operations].filter((o) => !o.startsWith("(undeclared)")).length;
  const total = contract.routes.length;
  return { checked, operationsCovered: covered, operationsTotal: total, refusedInvalid, violations };
}
