// A local GitHub REST server for end-to-end tests: real HTTP (node:http), every request checked against
// GitHub's OpenAPI description, GitHub's own rules on top, in-memory state, fault injection, and a record
// of every call. See README.md next to this file.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  buildPullRequestFixture,
  type PullRequestFixture,
  type PullRequestFixtureOptions,
} from "./fixtures.js";
import {
  CODELOAD_PREFIX,
  errorResponse,
  HANDLERS,
  type HandlerResponse,
  HttpError,
  serveCodeload,
} from "./handlers.js";
import {
  checkBody,
  checkParameters,
  checkResponse,
  matchRoute,
  routeTable,
  type ValidationProblem,
} from "./openapi.js";
import { GitHubState, type GitHubStateOptions, type RepoState } from "./state.js";

export interface GitHubServerOptions extends GitHubStateOptions {
  /** When set, the Authorization header must carry exactly this token (else 401 "Bad credentials"). */
  token?: string;
  /** Check the server's own 2xx JSON responses against the description (default true). */
  validateResponses?: boolean;
  /**
   * Report body properties and query parameters the description does not list (default false: they are
   * contract violations, because GitHub silently ignores them, so a typo would otherwise go unnoticed).
   */
  allowUnknownProperties?: boolean;
  /** Write one line per request to stderr (never the token). */
  log?: boolean;
}

export type ViolationKind =
  | "unknown-route"
  | "invalid-params"
  | "invalid-body"
  | "invalid-json"
  | "auth"
  | "headers"
  | "unimplemented"
  | "invalid-response"
  | "server-error";

/** Something the client did that GitHub's contract does not allow (or, for invalid-response, a bug here). */
export interface ContractViolation {
  kind: ViolationKind;
  method: string;
  path: string;
  operationId?: string;
  message: string;
  problems?: ValidationProblem[];
}

export interface RecordedRequest {
  /** 1-based order of arrival. */
  seq: number;
  method: string;
  /** The raw path, without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased header names; the authorization header keeps its scheme only ("token [redacted]"). */
  headers: Record<string, string>;
  /** The parsed JSON body (or the raw text when it was not JSON); undefined when empty. */
  body: unknown;
  /** The matched operation, e.g. "pulls/create-review". */
  operationId?: string;
  /** The matched path template, e.g. "/repos/{owner}/{repo}/pulls/{pull_number}/reviews". */
  route?: string;
  status: number;
  /** True when the response came from an injected fault. */
  faulted: boolean;
  responseBody: unknown;
}

export interface FaultMatch {
  /** HTTP method(s), case-insensitive. Default: any. */
  method?: string | string[];
  /** Exact raw path, or a RegExp tested against the raw path. Default: any. */
  path?: string | RegExp;
  /** GitHub operationId, e.g. "pulls/create-review". Default: any. */
  operationId?: string;
  /** Extra condition on the (already recorded) request. */
  when?: (request: RecordedRequest) => boolean;
}

export interface FaultRule extends FaultMatch {
  status: number;
  /** JSON body; default `{ message, documentation_url, status }` for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests it answers (default 1; Infinity for always). Removed when used up. */
  times?: number;
  /** Delay before answering, in milliseconds. */
  delayMs?: number;
}

export interface GitHubServer {
  /** Base URL for clients (`baseUrl` of Octokit, GITHUB_API_URL of the action). No trailing slash. */
  url: string;
  state: GitHubState;
  /** Every request, in order of arrival. */
  requests: RecordedRequest[];
  /** Contract violations; a test harness should expect this to be empty. */
  violations: ContractViolation[];
  /** Pending faults, consumed in order (first matching rule answers). Push FaultRule objects here. */
  faults: FaultRule[];
  /** Builds a pull request fixture from a real webhook payload and seeds it into the state. */
  seedPullRequest(options?: PullRequestFixtureOptions): PullRequestFixture;
  /** The repository (the only one when called without arguments). */
  repo(owner?: string, name?: string): RepoState;
  /** Requests that reached an operation, e.g. callsTo("pulls/create-review"). */
  callsTo(operationId: string): RecordedRequest[];
  /** Throws a readable error listing the violations, if any. */
  assertNoViolations(): void;
  /** Clears requests and violations (not state, not faults). */
  clearRecords(): void;
  close(): Promise<void>;
}

const WRITE_METHODS = ["POST", "PATCH", "PUT", "DELETE"];

/** 403 "You have exceeded a secondary rate limit" with a retry-after header, as GitHub sends it. */
export function secondaryRateLimitFault(
  match: FaultMatch = {},
  options: { retryAfter?: number; times?: number } = {},
): FaultRule {
  return {
    ...match,
    status: 403,
    times: options.times ?? 1,
    headers: { "retry-after": String(options.retryAfter ?? 1), "x-ratelimit-remaining": "4000" },
    body: {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
      documentation_url:
        "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      status: "403",
    },
  };
}

/** 403 "API rate limit exceeded" with x-ratelimit-remaining: 0 (the primary limit). */
export function primaryRateLimitFault(
  match: FaultMatch = {},
  options: { resetInSeconds?: number; times?: number } = {},
): FaultRule {
  const reset = Math.floor(Date.now() / 1000) + (options.resetInSeconds ?? 1);
  return {
    ...match,
    status: 403,
    times: options.times ?? 1,
    headers: {
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(reset),
      "x-ratelimit-limit": "5000",
    },
    body: {
      message: "API rate limit exceeded for installation ID 1.",
      documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      status: "403",
    },
  };
}

/** 403 "Resource not accessible by integration" (a GITHUB_TOKEN without write permission). Default: all writes. */
export function permissionDeniedFault(
  match: FaultMatch = { method: WRITE_METHODS },
  options: { times?: number } = {},
): FaultRule {
  return {
    ...match,
    status: 403,
    times: options.times ?? Number.POSITIVE_INFINITY,
    body: {
      message: "Resource not accessible by integration",
      documentation_url: "https://docs.github.com/rest",
      status: "403",
    },
  };
}

/** A 5xx answer (default 502 Bad Gateway), e.g. to test retries. */
export function serverErrorFault(
  match: FaultMatch = {},
  options: { status?: number; times?: number } = {},
): FaultRule {
  return { ...match, status: options.status ?? 502, times: options.times ?? 1 };
}

const STATUS_MESSAGES: Record<number, string> = {
  400: "Bad Request",
  401: "Requires authentication",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function matchesFault(rule: FaultRule, request: RecordedRequest): boolean {
  if (rule.method !== undefined) {
    const methods = (Array.isArray(rule.method) ? rule.method : [rule.method]).map((m) => m.toUpperCase());
    if (!methods.includes(request.method)) return false;
  }
  if (rule.path !== undefined) {
    if (typeof rule.path === "string" ? rule.path !== request.path : !rule.path.test(request.path))
      return false;
  }
  if (rule.operationId !== undefined && rule.operationId !== request.operationId) return false;
  if (rule.when && !rule.when(request)) return false;
  return true;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function redactHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    headers[name] = name === "authorization" ? `${text.split(/\s+/)[0] ?? ""} [redacted]` : text;
  }
  return headers;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length === 1 ? all[0]! : all;
  }
  return query;
}

function describe(problems: ValidationProblem[]): string {
  return problems.map((p) => `${p.where} ${p.message}`).join("; ");
}

/** Starts the server on 127.0.0.1 (random port). Loads the OpenAPI description on first use (~2s). */
export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  routeTable();
  const state = new GitHubState(options);
  const requests: RecordedRequest[] = [];
  const violations: ContractViolation[] = [];
  const faults: FaultRule[] = [];
  const validateResponses = options.validateResponses ?? true;
  const forbidUnknown = !(options.allowUnknownProperties ?? false);
  let seq = 0;
  let baseUrl = "";

  /** The first fault rule matching the request (used up after `times` matches). */
  function takeFault(record: RecordedRequest): { response: HandlerResponse; delayMs: number } | undefined {
    const index = faults.findIndex((rule) => matchesFault(rule, record));
    if (index < 0) return undefined;
    const rule = faults[index]!;
    const times = (rule.times ?? 1) - 1;
    if (times <= 0) faults.splice(index, 1);
    else rule.times = times;
    const body = rule.body ?? {
      message: STATUS_MESSAGES[rule.status] ?? "Error",
      documentation_url: "https://docs.github.com/rest",
      status: String(rule.status),
    };
    const response: HandlerResponse = {
      status: rule.status,
      body,
      ...(rule.headers ? { headers: rule.headers } : {}),
    };
    return { response, delayMs: rule.delayMs ?? 0 };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", baseUrl);
    const record: RecordedRequest = {
      seq: ++seq,
      method,
      path: url.pathname,
      query: queryOf(url),
      headers: redactHeaders(req),
      body: undefined,
      status: 0,
      faulted: false,
      responseBody: undefined,
    };
    requests.push(record);
    const violation = (kind: ViolationKind, message: string, problems?: ValidationProblem[]): void => {
      violations.push({
        kind,
        method,
        path: url.pathname,
        ...(record.operationId ? { operationId: record.operationId } : {}),
        message,
        ...(problems ? { problems } : {}),
      });
    };
    const send = async (response: HandlerResponse, faulted = false, delayMs = 0): Promise<void> => {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      record.status = response.status;
      record.faulted = faulted;
      record.responseBody =
        response.body ?? response.text ?? (response.binary ? `<${response.binary.length} bytes>` : undefined);
      const reset = Math.floor(Date.now() / 1000) + 3600;
      const headers: Record<string, string> = {
        "x-github-media-type": "github.v3; format=json",
        "x-github-api-version-selected": "2022-11-28",
        "x-github-request-id": `LEARNLOOP:${record.seq}`,
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": String(Math.max(0, 5000 - record.seq)),
        "x-ratelimit-reset": String(reset),
        "x-ratelimit-used": String(record.seq),
        "x-ratelimit-resource": "core",
        ...response.headers,
      };
      let payload: string | Buffer = "";
      if (response.binary !== undefined) {
        headers["content-type"] = response.contentType ?? "application/octet-stream";
        payload = response.binary;
      } else if (response.text !== undefined) {
        headers["content-type"] = response.contentType ?? "text/plain; charset=utf-8";
        payload = response.text;
      } else if (response.body !== undefined) {
        headers["content-type"] = "application/json; charset=utf-8";
        payload = JSON.stringify(response.body);
      }
      headers["content-length"] = String(Buffer.byteLength(payload));
      if (options.log)
        console.error(`[github-server] ${method} ${url.pathname}${url.search} -> ${response.status}`);
      res.writeHead(response.status, headers);
      res.end(payload);
    };

    // 1. Body.
    const text = raw.toString("utf8");
    let body: unknown;
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        record.body = text;
        violation("invalid-json", "request body is not valid JSON");
        return send(errorResponse(400, "Problems parsing JSON"));
      }
    }
    record.body = body;

    // Archive downloads GitHub redirects to (codeload.github.com): not part of the REST API.
    if (url.pathname.startsWith(`${CODELOAD_PREFIX}/`) && method === "GET") {
      record.route = `${CODELOAD_PREFIX}/{owner}/{repo}/legacy.tar.gz/{sha}`;
      const fault = takeFault(record);
      if (fault) return send(fault.response, true, fault.delayMs);
      return send(serveCodeload(state, url.pathname));
    }

    // 2. Authentication and required headers.
    const authorization = req.headers.authorization;
    if (!authorization) {
      violation("auth", "no Authorization header (the action must send its token)");
      return send(errorResponse(401, "Requires authentication"));
    }
    const credentials = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization.trim());
    if (!credentials || (options.token !== undefined && credentials[1] !== options.token)) {
      violation(
        "auth",
        "Authorization header is not `token <token>`/`Bearer <token>` with the expected token",
      );
      return send(errorResponse(401, "Bad credentials"));
    }
    if (!req.headers["user-agent"]) {
      violation("headers", "no User-Agent header (GitHub rejects such requests)");
      return send(
        errorResponse(
          403,
          "Request forbidden by administrative rules. Please make sure your request has a User-Agent header",
        ),
      );
    }

    // 3. Route.
    const match = matchRoute(method, url.pathname);
    if (match.kind !== "found") {
      const message =
        match.kind === "unknown-method"
          ? `${method} is not an operation of ${match.template} in GitHub's OpenAPI description (it has ${match.allowed.join(", ")})`
          : `no operation in GitHub's OpenAPI description matches ${method} ${url.pathname}`;
      violation("unknown-route", message);
      return send(errorResponse(404, `Not Found (learnloop test server: ${message})`));
    }
    const { route } = match;
    record.operationId = route.operationId;
    record.route = route.template;

    // 4. Parameters and body against the description.
    const checked = checkParameters(route, match.pathParams, record.query, forbidUnknown);
    if (checked.problems.length > 0) {
      const message = `${route.operationId}: invalid parameters: ${describe(checked.problems)}`;
      violation("invalid-params", message, checked.problems);
      return send(errorResponse(400, `Invalid request (learnloop test server: ${message})`));
    }
    const bodyProblems = checkBody(route, body, forbidUnknown);
    if (bodyProblems.length > 0) {
      const message = `${route.operationId}: invalid request body: ${describe(bodyProblems)}`;
      violation("invalid-body", message, bodyProblems);
      return send(errorResponse(400, `Invalid request (learnloop test server: ${message})`));
    }

    // 5. Injected faults, in order.
    const fault = takeFault(record);
    if (fault) return send(fault.response, true, fault.delayMs);

    // 6. The operation.
    const handler = HANDLERS[route.operationId];
    if (!handler) {
      const message = `${route.operationId} (${method} ${route.template}) is a real GitHub operation but this test server does not implement it`;
      violation("unimplemented", message);
      return send(errorResponse(501, `Not Implemented (learnloop test server: ${message})`));
    }
    let response: HandlerResponse;
    try {
      response = handler({
        state,
        ctx: { api: baseUrl },
        params: checked.params,
        body,
        accept: req.headers.accept ?? "",
        url,
      });
    } catch (error) {
      if (error instanceof HttpError) {
        response = error.response;
      } else {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        violation("server-error", `test server bug in ${route.operationId}: ${message}`);
        response = errorResponse(500, "Internal Server Error");
      }
    }
    if (validateResponses && response.status >= 200 && response.status < 300 && response.body !== undefined) {
      const problems = checkResponse(route, response.status, response.body);
      if (problems.length > 0) {
        violation(
          "invalid-response",
          `test server bug: its ${route.operationId} response does not match GitHub's schema: ${describe(problems.slice(0, 10))}`,
          problems,
        );
      }
    }
    return send(response);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[github-server] unexpected error", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Internal Server Error" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    state,
    requests,
    violations,
    faults,
    seedPullRequest(fixtureOptions = {}) {
      let beforeSha = fixtureOptions.beforeSha;
      if (beforeSha === undefined && fixtureOptions.action === "synchronize") {
        const probe = buildPullRequestFixture({ ...fixtureOptions, apiUrl: baseUrl });
        beforeSha = state.repo(probe.owner.login, probe.repoName)?.pulls.get(probe.number)?.headSha;
      }
      const fixture = buildPullRequestFixture({
        ...fixtureOptions,
        ...(beforeSha !== undefined ? { beforeSha } : {}),
        apiUrl: baseUrl,
      });
      state.seedPullRequest(fixture);
      return fixture;
    },
    repo(owner, name) {
      if (owner !== undefined && name !== undefined) {
        const repo = state.repo(owner, name);
        if (!repo) throw new Error(`no repository ${owner}/${name} in the test server`);
        return repo;
      }
      const all = [...state.repos.values()];
      if (all.length !== 1) throw new Error(`expected exactly one repository, found ${all.length}: name it`);
      return all[0]!;
    },
    callsTo(operationId) {
      return requests.filter((r) => r.operationId === operationId);
    },
    assertNoViolations() {
      if (violations.length === 0) return;
      const lines = violations.map((v) => `- [${v.kind}] ${v.method} ${v.path}: ${v.message}`);
      throw new Error(`GitHub API contract violations:\n${lines.join("\n")}`);
    },
    clearRecords() {
      requests.length = 0;
      violations.length = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
