import { describe, expect, it } from "vitest";
import { startRequestRecorder } from "./recorder.js";

describe("startRequestRecorder", () => {
  it("records each request and answers 200 (so a test asserting none came is not passing by deafness)", async () => {
    const recorder = await startRequestRecorder();
    const res = await fetch(`${recorder.url}/runs/batch`, { method: "POST", body: "{}" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(recorder.requests).toEqual(["POST /runs/batch"]);
    await recorder.close();
  });
});
