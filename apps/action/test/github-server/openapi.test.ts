import { describe, expect, it } from "vitest";
import { checkBody, checkParameters, matchRoute, routeTable, toJsonSchema } from "./openapi.js";

function route(operationId: string) {
  const found = routeTable().byOperationId.get(operationId);
  if (!found) throw new Error(`no ${operationId}`);
  return found;
}

describe("toJsonSchema (OpenAPI 3.0 -> JSON Schema)", () => {
  const opts = { forbidUnknownProperties: false };

  it("turns nullable + type into a type union, adding null to enums", () => {
    expect(toJsonSchema({ type: "string", nullable: true, example: "x" }, opts)).toEqual({
      type: ["string", "null"],
    });
    expect(toJsonSchema({ type: "string", enum: ["a"], nullable: true }, opts)).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
  });

  it("wraps nullable compositions, which have no single type", () => {
    expect(toJsonSchema({ nullable: true, oneOf: [{ type: "string" }, { type: "integer" }] }, opts)).toEqual({
      anyOf: [{ type: "null" }, { oneOf: [{ type: "string" }, { type: "integer" }] }],
    });
  });

  it("drops x- extensions and examples but keeps property names that look like keywords", () => {
    const schema = {
      type: "object",
      "x-github": {},
      properties: { example: { type: "string" }, nullable: { type: "boolean" } },
    };
    expect(toJsonSchema(schema, opts)).toEqual({
      type: "object",
      properties: { example: { type: "string" }, nullable: { type: "boolean" } },
    });
  });

  it("optionally forbids unknown properties, seeing through compositions", () => {
    const schema = {
      type: "object",
      properties: { a: { type: "string" } },
      allOf: [{ properties: { b: {} } }],
    };
    expect(toJsonSchema(schema, { forbidUnknownProperties: true })).toMatchObject({
      unevaluatedProperties: false,
    });
    expect(
      (toJsonSchema(schema, { forbidUnknownProperties: true }) as { allOf: object[] }).allOf[0],
    ).not.toHaveProperty("unevaluatedProperties");
  });
});

describe("matchRoute", () => {
  it("prefers literal segments over parameters", () => {
    const comments = matchRoute("GET", "/repos/o/r/issues/comments");
    expect(comments.kind === "found" && comments.route.operationId).toBe("issues/list-comments-for-repo");
    const issue = matchRoute("GET", "/repos/o/r/issues/12");
    expect(issue.kind === "found" && issue.route.operationId).toBe("issues/get");
  });

  it("lets multi-segment parameters span slashes, encoded or not", () => {
    for (const path of ["/repos/o/r/contents/src/deep/a.ts", "/repos/o/r/contents/src%2Fdeep%2Fa.ts"]) {
      const match = matchRoute("GET", path);
      expect(match.kind === "found" && match.pathParams.path).toBe("src/deep/a.ts");
    }
  });

  it("reports unknown paths and unknown methods", () => {
    expect(matchRoute("GET", "/repos/o/r/not-a-thing").kind).toBe("unknown-path");
    const wrongMethod = matchRoute("PUT", "/repos/o/r/issues/comments/5");
    expect(wrongMethod).toMatchObject({
      kind: "unknown-method",
      template: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    });
  });
});

describe("request checks", () => {
  it("coerces and validates path and query parameters, applying defaults", () => {
    const ok = checkParameters(
      route("pulls/list-files"),
      { owner: "o", repo: "r", pull_number: "3" },
      { per_page: "50" },
      true,
    );
    expect(ok.problems).toEqual([]);
    expect(ok.params).toMatchObject({ pull_number: 3, per_page: 50, page: 1 });
    const bad = checkParameters(
      route("pulls/list-files"),
      { owner: "o", repo: "r", pull_number: "three" },
      { perPage: "5" },
      true,
    );
    expect(bad.problems.map((p) => p.where).sort()).toEqual(["path/pull_number", "query/perPage"]);
  });

  it("validates bodies, including nullable fields and unknown properties", () => {
    const update = route("issues/update");
    expect(
      checkBody(
        update,
        { body: null, state_reason: null, milestone: null, labels: ["a", { name: "b" }] },
        true,
      ),
    ).toEqual([]);
    expect(checkBody(update, { state: "shut" }, true)).toEqual([
      { where: "body/state", message: 'must be one of "open", "closed"' },
    ]);
    expect(checkBody(update, { bodyy: "typo" }, true)).toEqual([
      { where: "body", message: 'has unknown property "bodyy" (not in GitHub\'s schema)' },
    ]);
    expect(checkBody(update, { bodyy: "typo" }, false)).toEqual([]);
    expect(checkBody(route("issues/create-comment"), undefined, true)).toEqual([
      { where: "body", message: "is required" },
    ]);
  });

  it("checks review comments inside a review body", () => {
    const problems = checkBody(
      route("pulls/create-review"),
      { event: "COMMENT", comments: [{ path: "a", line: "3" }] },
      true,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { where: "body/comments/0", message: "must have required property 'body'" },
        { where: "body/comments/0/line", message: "must be integer" },
      ]),
    );
  });
});
