import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LiteralQuery, showQuery } from "./literal-query.js";
import { literalQuery } from "./regex-literals.js";

/** ASCII letters in lower case, nothing else changed: how the census reads text. */
const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Whether a text holds what the query asks, read the way the census reads it. */
function holds(query: LiteralQuery, text: string): boolean {
  switch (query.kind) {
    case "any":
      return true;
    case "literal":
      return fold(text).includes(query.text);
    case "and":
      return query.of.every((q) => holds(q, text));
    case "or":
      return query.of.some((q) => holds(q, text));
  }
}

describe("literalQuery: what every match of an expression holds", () => {
  it.each([
    [/environ|getenv|process\.env/, '"environ" | "getenv" | "process.env"'],
    [/\b(pickle|torch\.load)\b/, '"pickle" | "torch.load"'],
    [/json\.loads|JSON\.parse/, '"json.loads" | "json.parse"'],
    // Optional parts: each way the match can be spelled, while there are few.
    [/\bfit(_transform)?\s*\(/, '"fit"'],
    [/max_retries\s*=\s*0\b/, '"max_retries"'],
    // Parts after a run of unknown characters are required too.
    [/\bdef\s+test_\w*\s*\(/, '"def" & "test_"'],
    [/[\w-]+\.openai\.azure\.com/, '".openai.azure.com"'],
    // A small bracket is alternatives; a longer literal holding a shorter one is implied by it.
    [/["']acc["']/, '"\\"acc\\"" | "\\"acc\'" | "\'acc\\"" | "\'acc\'"'],
    [/acc|accuracy_score/, '"acc"'],
    [/api\.(xyz|ai)\b/, '"api.xyz" | "api.ai"'],
    // Lookarounds and anchors take nothing from the match.
    [/(?<!\w)(?=x)print\(/m, '"print("'],
    [/^\s*except\s*:/m, '"except"'],
    // What a lookaround must see is in the text: required too, apart from the match's own strings.
    [/^(?=[\s\S]*?\bwhile\b)(?=[\s\S]*?tool_calls)/, '"while" & "tool_calls"'],
    [/ab(?=cd)ef/, '"cd" & "abef"'],
    // Case is ignored: a text is read in lower case.
    [/Embeddings\(/i, '"embeddings("'],
    // One copy of a repeated part is required.
    [/(ab){2,}c/, '"ab"'],
  ])("reads %s as %s", (pattern, expected) => {
    expect(showQuery(literalQuery(pattern))).toBe(expected);
  });

  it.each([
    /\w+\s*=\s*\d/, // nothing plain at all
    /\.(append|push)\(|\+/, // one branch holds a single character only
    /(abc)?def|x/, // a branch that is one character
    /[a-z]{3}/, // a long bracket
    /é+/, // outside ASCII
    /kelvin/iu, // Unicode case folding is more than ASCII
    /(abc)*/, // may match nothing
  ])("says nothing sure of %s", (pattern) => {
    expect(literalQuery(pattern)).toEqual({ kind: "any" });
  });

  // About 2 s alone; several times that beside the other packages' tests on a 2-core CI machine.
  it("never asks for more than a match holds (random expressions against random texts)", () => {
    const char = fc.constantFrom("a", "b", "A", "\\.", "-", "é", "ab", "ba", "a-b");
    const set = fc.constantFrom("[ab]", "[aA]", "[^a]", "\\w", ".", "[a-c]", "[.-]", "\\s");
    const assertion = fc.constantFrom("\\b", "\\B", "^", "$", "(?=a)", "(?<!b)", "(?!-)");
    const quantifier = fc.constantFrom("", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "+?");
    const { alternation } = fc.letrec((tie) => ({
      atom: fc.oneof(
        { weight: 5, arbitrary: char },
        { weight: 2, arbitrary: set },
        { weight: 1, arbitrary: assertion },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.constantFrom("(", "(?:"), tie("alternation") as fc.Arbitrary<string>)
            .map(([open, inner]) => `${open}${inner})`),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom("(?=", "(?<=", "(?!", "(?<!"), tie("alternation") as fc.Arbitrary<string>)
            .map(([open, inner]) => `${open}${inner})`),
        },
      ),
      piece: fc
        .tuple(tie("atom") as fc.Arbitrary<string>, quantifier)
        .map(([atom, q]) => (/^(\\b|\\B|\^|\$|\(\?[=!<])/.test(atom) ? atom : atom + q)),
      concatenation: fc
        .array(tie("piece") as fc.Arbitrary<string>, { minLength: 1, maxLength: 4 })
        .map((p) => p.join("")),
      alternation: fc
        .array(tie("concatenation") as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 })
        .map((branches) => branches.join("|")),
    }));
    const flags = fc.constantFrom("", "i", "m", "s", "im");
    const text = fc
      // Short: a random expression may nest quantifiers (`((a|ab)*)*`), and backtracking through a long text then
      // takes minutes (one run of 3,000 cases took 101 s with texts of up to 12 pieces).
      .array(fc.constantFrom("a", "b", "A", "B", ".", "-", "é", "É", "\n", " ", "ab", "a-b", "ba"), {
        maxLength: 6,
      })
      .map((parts) => parts.join(""));
    let matched = 0;
    fc.assert(
      fc.property(alternation, flags, fc.array(text, { minLength: 1, maxLength: 8 }), (source, f, texts) => {
        const pattern = new RegExp(source, f);
        const query = literalQuery(pattern);
        for (const t of texts) {
          if (!pattern.test(t)) continue;
          matched++;
          expect(holds(query, t), `${pattern} on ${JSON.stringify(t)}: ${showQuery(query)}`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    // The expressions did match often: the property was really put to the test.
    expect(matched).toBeGreaterThan(3000);
  }, 30_000);
});
