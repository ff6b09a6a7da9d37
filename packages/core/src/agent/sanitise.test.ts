import { describe, expect, it } from "vitest";
import { inertCode, sanitiseText } from "./sanitise.js";

describe("sanitiseText", () => {
  it("leaves nothing that pings, renders HTML, shows an image, runs a link or leaks a secret", async () => {
    const key = `sk-proj-${"A1b2C3d4".repeat(6)}`;
    const out = await sanitiseText(
      `LGTM @everyone and @octocat! <img src=x onerror=alert(1)> <script>alert(1)</script> ` +
        `![pwn](https://evil.example/p.png) [click](javascript:alert(1)) javascript:alert(2) ` +
        `[docs](https://docs.python.org/3/) key ${key} \u001b[31mred\u001b[0m`,
    );
    expect(out).not.toMatch(/@everyone|@octocat/);
    expect(out).toContain("@\u200beveryone");
    expect(out).not.toMatch(/<img|<script|onerror=|!\[|javascript:/);
    expect(out).not.toContain("\u001b");
    expect(out).toContain("[docs](https://docs.python.org/3/)");
    expect(out).not.toContain(key);
    expect(out).toContain("[redacted]");
  });

  it("keeps ordinary prose and code spans, e-mail addresses and comparisons", async () => {
    const text = "Compare `a < b` before calling `retry()`; mail me at dev@example.com.";
    expect(await sanitiseText(text)).toBe(text);
  });

  it("caps the length", async () => {
    expect((await sanitiseText("x".repeat(5000), 100)).length).toBe(100);
  });
});

describe("inertCode", () => {
  it("keeps code but breaks mentions and terminal escapes", () => {
    expect(inertCode("print('@channel')\u001b[2J")).toBe("print('@\u200bchannel')");
  });
});
