import { describe, expect, it } from "vitest";
import { codeBlock, inlineCode, messageText, plainText } from "./safe-markdown.js";

describe("safe markdown for untrusted text", () => {
  it("neutralises HTML, mentions, links, images and table pipes", () => {
    const text = plainText(
      "@everyone <img src=x onerror=alert(1)> [click](javascript:alert(1)) ![i](http://x) a|b\nnext",
    );
    expect(text).not.toMatch(/<img|@everyone|(?<!\\)\]\(/);
    expect(text).toContain("&lt;img");
    expect(text).toContain("@\u200beveryone");
    expect(text).not.toContain("\n");
  });

  it("inline code survives backticks inside", () => {
    expect(inlineCode("a`b")).toBe("``a`b``");
    expect(inlineCode("`x`")).toBe("`` `x` ``");
  });

  it("a code block cannot be closed by its content", () => {
    const block = codeBlock("print(1)\n```\n@everyone");
    expect(block.startsWith("````text\n")).toBe(true);
    expect(block.endsWith("\n````")).toBe(true);
  });
});

describe("messageText", () => {
  it("keeps code spans and neutralises the rest", () => {
    expect(messageText("`except:` catches @team <b>all</b>")).toBe(
      "`except:` catches @\u200bteam &lt;b&gt;all&lt;/b&gt;",
    );
  });
});
