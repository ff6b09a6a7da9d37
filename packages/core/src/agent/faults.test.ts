import { describe, expect, it } from "vitest";
import { apiError } from "../testing/scripted-chat-model.js";
import { classifyFault, DEFAULT_RETRY, retryAfterMs } from "./faults.js";

const classify = (e: unknown, attempt = 1) => classifyFault(e, attempt, DEFAULT_RETRY, "gpt-4o-mini");

describe("classifyFault", () => {
  it("never retries insufficient_quota and says the account is out of credit", () => {
    const f = classify(
      apiError(429, { code: "insufficient_quota", message: "You exceeded your current quota" }),
    );
    expect(f.kind).toBe("stop");
    expect(f.reason).toMatch(/out of credit/);
  });

  it("waits per Retry-After on 429, and stops when the wait is longer than allowed", () => {
    expect(classify(apiError(429, { headers: { "retry-after": "2" } }))).toMatchObject({
      kind: "retry",
      afterMs: 2000,
    });
    expect(classify(apiError(429, { headers: { "retry-after": "600" } }))).toMatchObject({ kind: "stop" });
  });

  it("backs off on 5xx and network errors, and stops after the last attempt", () => {
    expect(classify(apiError(503), 1)).toMatchObject({ kind: "retry", afterMs: 1000 });
    expect(classify(apiError(503), 2)).toMatchObject({ kind: "retry", afterMs: 2000 });
    expect(classify(apiError(503), 3).reason).toMatch(/kept failing \(HTTP 503\) after 3 tries/);
    const network = Object.assign(new Error("Connection error."), { cause: { code: "ECONNREFUSED" } });
    expect(classify(network, 1)).toMatchObject({ kind: "retry" });
    expect(classify(network, 3).reason).toMatch(/could not reach the model server \(ECONNREFUSED\)/);
  });

  it("stops on a rejected key without echoing the provider's message", () => {
    const f = classify(apiError(401, { message: "Incorrect API key provided: sk-abc***xyz" }));
    expect(f).toMatchObject({ kind: "stop" });
    expect(f.reason).not.toContain("sk-");
  });

  it("recognises a model that rejects temperature", () => {
    expect(
      classify(
        apiError(400, { message: "Unsupported parameter: 'temperature' is not supported with this model." }),
      ).kind,
    ).toBe("sampling");
  });
});

describe("retryAfterMs", () => {
  it("reads seconds, an HTTP date and retry-after-ms", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250" }))).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": new Date(10_000).toUTCString() }), 5_000)).toBe(5_000);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }))).toBeNull();
  });
});
