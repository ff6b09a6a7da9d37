import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { hardcodedSecret } from "./hardcoded-secret.js";

// Fake keys, built from pieces so that no secret-shaped literal sits in this file for a scanner to flag.
const OPENAI_KEY = "sk-" + "Ab3dE5gH7jK9mN1pQ3sT" + "T3BlbkFJ" + "Vw5yZ7bC9eF1hJ3kL5nP";
const PROJECT_KEY = `sk-proj-${"a1B2c3D4e5F6g7H8i9J0".repeat(3)}`;
const HF_TOKEN = "hf_" + "aBcDeFgHiJkLmNoPqRsT" + "uVwXyZaBcDeFgH";
const GITHUB_TOKEN = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT" + "5vW7yZ9bC1eF3hJ5";
const SECRETS = [OPENAI_KEY, PROJECT_KEY, HF_TOKEN, GITHUB_TOKEN];

const RULE = "security/hardcoded-secret";
type Report = Awaited<ReturnType<typeof reviewTree>>;

/** The report, as any consumer would serialise it, must never carry the secret itself. */
function expectNoSecretIn(report: Report) {
  const json = JSON.stringify(report);
  for (const secret of SECRETS) {
    expect(json).not.toContain(secret);
    // Not even the distinctive middle of one, e.g. quoted in a code excerpt.
    expect(json).not.toContain(secret.slice(8, 28));
  }
}

describe("security/hardcoded-secret", () => {
  it("fires on an OpenAI key in Python code, says which line, and never repeats the key", async () => {
    const report = await reviewTree(
      { "bot.py": `from openai import OpenAI\n\nclient = OpenAI(api_key="${OPENAI_KEY}")\n` },
      [hardcodedSecret],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.level])).toEqual([[RULE, "bot.py", "essential"]]);
    // The finding points at the line, but the pipeline must not quote it: the line is the secret.
    expect(report.findings[0]!.line).toBe(3);
    expect(report.findings[0]!.message).toBe("An OpenAI API key is written in this file.");
    expect(report.findings[0]!.assistantPrompt).toContain("Where: bot.py, line 3");
    expect(report.findings[0]!.assistantPrompt).not.toContain("api_key");
    expectNoSecretIn(report);
  });

  it("fires on a project key, a Hugging Face token and a GitHub token, in code, config and a committed .env", async () => {
    const report = await reviewTree(
      {
        ".env": `OPENAI_API_KEY=${PROJECT_KEY}\n`,
        "web/client.ts": `// the key\nconst openai = new OpenAI({ apiKey: "${PROJECT_KEY}" });\n`,
        "config.json": `{\n  "model": "gpt2",\n  "hf_token": "${HF_TOKEN}"\n}\n`,
        "README.md": `# Bot\n\nClone with \`git clone https://${GITHUB_TOKEN}@github.com/me/bot\`\n`,
      },
      [hardcodedSecret],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.message])).toEqual([
      [RULE, ".env", 1, "An OpenAI API key is written in this file."],
      [RULE, "config.json", 3, "A Hugging Face token is written in this file."],
      [RULE, "README.md", 3, "A GitHub token is written in this file."],
      [RULE, "web/client.ts", 2, "An OpenAI API key is written in this file."],
    ]);
    expectNoSecretIn(report);
  });

  it("keeps two keys of one file as two findings", async () => {
    const report = await reviewTree({ "keys.py": `A = "${OPENAI_KEY}"\nB = "${PROJECT_KEY}"\n` }, [
      hardcodedSecret,
    ]);
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [1, "An OpenAI API key is written in this file."],
      [2, "An OpenAI API key is written in this file."],
    ]);
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(2);
    expectNoSecretIn(report);
  });

  it("fires on a key in a notebook's code at its line of the notebook's code, and names the cell and line", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "markdown", source: "# Setup" },
        { cell_type: "code", source: "import os", execution_count: 1, outputs: [] },
        {
          cell_type: "code",
          source: ["x = 1\n", `os.environ["OPENAI_API_KEY"] = "${OPENAI_KEY}"`],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [hardcodedSecret]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.message])).toEqual([
      [
        RULE,
        "explore.ipynb",
        ipynbLine(notebook, 'os.environ["OPENAI_API_KEY"]'),
        "An OpenAI API key is written in cell 3 (line 2).",
      ],
    ]);
    expectNoSecretIn(report);
  });

  it("fires on a key printed in a notebook cell's output, and names that cell", async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: "code", source: "import os", execution_count: 1, outputs: [] },
        {
          cell_type: "code",
          source: "os.environ['OPENAI_API_KEY']",
          execution_count: 2,
          outputs: [
            { output_type: "execute_result", data: { "text/plain": [`'${PROJECT_KEY}'`] }, metadata: {} },
          ],
        },
        {
          cell_type: "code",
          source: "print(hf_token)",
          execution_count: 3,
          outputs: [{ output_type: "stream", name: "stdout", text: ["token:\n", `${HF_TOKEN}\n`] }],
        },
      ],
    });
    const report = await reviewTree({ "setup.ipynb": notebook }, [hardcodedSecret]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.message])).toEqual([
      [RULE, "setup.ipynb", null, "An OpenAI API key appears in the output of cell 2."],
      [RULE, "setup.ipynb", null, "A Hugging Face token appears in the output of cell 3."],
    ]);
    expectNoSecretIn(report);
  });

  it("stays quiet on keys read from the environment, empty .env.example values and placeholders", async () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: "code",
          source: "key = os.getenv('OPENAI_API_KEY')\nprint(len(key))",
          outputs: [{ output_type: "stream", name: "stdout", text: "51\n" }],
        },
      ],
    });
    const report = await reviewTree(
      {
        ".env.example": "OPENAI_API_KEY=\nHF_TOKEN=\nANTHROPIC_API_KEY=''\n",
        "config.py": [
          "import os",
          'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]',
          'token = os.getenv("HF_TOKEN", "")',
          'PLACEHOLDER = "sk-..."',
          'api_key = "your-api-key-here"',
          'password = input("password: ")',
          "secret_key_name = 'OPENAI_API_KEY'",
        ].join("\n"),
        "README.md": "Set `OPENAI_API_KEY=sk-...` in `.env`; never commit the real token or password.\n",
        "explore.ipynb": notebook,
      },
      [hardcodedSecret],
    );
    expect(report.findings).toEqual([]);
  });
});
