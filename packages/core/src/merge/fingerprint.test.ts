import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fingerprint } from "./fingerprint.js";

describe("fingerprint", () => {
  it("is the first 16 hex digits of SHA-256 over rule, file, normalised code, occurrence and detail", () => {
    // Stored summaries and goals issues match findings by this value: it must not change between versions.
    const expected = createHash("sha256")
      .update(["security/hardcoded-secret", "app.py", 'key = "x"', "0", ""].join("\0"))
      .digest("hex")
      .slice(0, 16);
    expect(
      fingerprint({
        ruleId: "security/hardcoded-secret",
        file: "app.py",
        code: '  key  =\t"x"  ',
        occurrence: 0,
      }),
    ).toBe(expected);
    expect(expected).toBe("f2c5de93b98f4257");
  });

  it("tells apart occurrences, files and details, and ignores changes in blanks only", () => {
    const base = { ruleId: "code-quality/bare-except", file: "a.py", code: "except:", occurrence: 0 };
    const print = fingerprint(base);
    expect(fingerprint({ ...base, code: "  except:   " })).toBe(print);
    expect(fingerprint({ ...base, occurrence: 1 })).not.toBe(print);
    expect(fingerprint({ ...base, file: "b.py" })).not.toBe(print);
    expect(fingerprint({ ...base, file: null, code: "", detail: "cell 3" })).not.toBe(
      fingerprint({ ...base, file: null, code: "", detail: "cell 4" }),
    );
  });
});
