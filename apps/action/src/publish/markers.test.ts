import { describe, expect, it } from "vitest";
import { fingerprintMarker, fingerprintOf, readState, stateMarker } from "./markers.js";

describe("markers", () => {
  it("round-trips the review state through a hidden comment", () => {
    const state = {
      v: 1 as const,
      head: "abc123",
      open: [{ fp: "0123456789abcdef", file: "a.py", rule: "x/y" }],
    };
    const body = `## Summary\n\n${stateMarker(state)}\n`;
    expect(readState(body)).toEqual(state);
  });

  it("cannot be closed early by a file name containing -->", () => {
    const state = {
      v: 1 as const,
      head: "h",
      open: [{ fp: "0123456789abcdef", file: "weird-->name.py", rule: "x/y" }],
    };
    const marker = stateMarker(state);
    expect(marker.indexOf("-->")).toBe(marker.length - 3);
    expect(readState(marker)).toEqual(state);
  });

  it("returns null for a summary without state or with a hand-mangled one", () => {
    expect(readState("no marker")).toBeNull();
    expect(readState("<!-- learnloop:state {broken -->")).toBeNull();
    expect(readState('<!-- learnloop:state {"v":2} -->')).toBeNull();
  });

  it("finds the fingerprint of an inline comment", () => {
    expect(fingerprintOf(`Some text\n${fingerprintMarker("00ff00ff00ff00ff")}`)).toBe("00ff00ff00ff00ff");
    expect(fingerprintOf("a comment by a person")).toBeNull();
  });
});
