// llm-reliability/schema-validated-output (strength): model replies are parsed into a declared schema, not trusted as text.
import { scanCode } from "../../lib/code-strings.js";
import { literalGate } from "../../lib/needles.js";
import { isTestPath } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

/** APIs that make the SDK (or a library) check the reply against a schema: Pydantic, zod, LangChain, instructor. */
const STRUCTURED =
  /(\b[\w.]*(?:chat\.completions|responses)\.parse|\bwith_structured_output|\bwithStructuredOutput|\bzodResponseFormat|\bzodTextFormat|\bgenerateObject|\bstreamObject|\binstructor\.(?:from_openai|from_anthropic|from_provider|patch))\s*\(/g;
const CODE = /\.(py|ipynb|[cm]?[jt]sx?)$/;
const STRUCTURED_GATE = literalGate(STRUCTURED);

export const schemaValidatedOutput: RepoDetector = {
  scope: "repo",
  meta: {
    id: "llm-reliability/schema-validated-output",
    area: "llm-reliability",
    level: "celebratory",
    title: "Model replies are parsed into a declared schema",
    why: "Declaring the shape of a reply (a Pydantic model, a zod schema) and letting the SDK check it turns 'the model usually answers in JSON' into a contract: a missing field or a wrong type becomes an error you handle, not a bug you find later.",
    tryThis:
      "Go one step further: count how often the parsed reply is a refusal or fails validation on your test inputs, and log it, so you see when a prompt change makes the model drift from the schema.",
    learnMore: [
      "https://platform.openai.com/docs/guides/structured-outputs",
      "https://python.langchain.com/docs/how_to/structured_output/",
    ],
    example: {
      language: "python",
      file: "extract.py",
      bad: "data = json.loads(response.choices[0].message.content)",
      good: "completion = client.beta.chat.completions.parse(model=MODEL, messages=messages, response_format=Invoice)\ninvoice = completion.choices[0].message.parsed",
    },
    goal: "Log how often a structured reply fails validation or is refused, and review it after each prompt change",
  },
  check(repo) {
    for (const file of repo.files) {
      if (!CODE.test(file.path) || isTestPath(file.path) || !STRUCTURED_GATE.mayMatch(file)) continue;
      let code: ReturnType<typeof scanCode> | null = null;
      for (const m of file.text.matchAll(STRUCTURED)) {
        code ??= scanCode(file.text, file.language === "python");
        if (!code.isCode(m.index)) continue;
        return [
          {
            file: file.path,
            line: file.text.slice(0, m.index).split("\n").length,
            message: `Model replies are parsed into a schema (\`${m[1]}\` in ${file.path}).`,
          },
        ];
      }
    }
    return [];
  },
};
