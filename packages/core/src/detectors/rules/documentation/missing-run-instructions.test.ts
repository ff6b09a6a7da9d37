import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { missingRunInstructions } from "./missing-run-instructions.js";

const CODE = { "app.py": "print('hi')\n" };
const ABOUT =
  "# Bylaws bot\n\nAnswers questions about the city bylaws, with sources.\n\nBuilt with OpenAI and Chroma.\n";

describe("documentation/missing-run-instructions", () => {
  it("fires on a README that never says how to install or run, naming the README", async () => {
    const report = await reviewTree({ ...CODE, "README.md": ABOUT }, [missingRunInstructions]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ["documentation/missing-run-instructions", "README.md", null],
    ]);
    expect(report.findings[0]!.message).toBe("README.md does not say how to install or run the project.");
  });

  it("fires on prose that only mentions tools, without a command", async () => {
    const readme = `${ABOUT}\n## Results\n\nWe used python and pip in Jupyter.\n\n## Ideas\n\n- run it on more data\n`;
    const report = await reviewTree({ "src/bot.ts": "export {};\n", "readme.markdown": readme }, [
      missingRunInstructions,
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ["documentation/missing-run-instructions", "readme.markdown"],
    ]);
  });

  it("stays quiet on a fenced code block of run commands", async () => {
    const readme = `${ABOUT}\n\`\`\`bash\npip install -r requirements.txt\npython app.py\n\`\`\`\n`;
    const report = await reviewTree({ ...CODE, "README.md": readme }, [missingRunInstructions]);
    expect(report.findings).toEqual([]);
  });

  it.each([
    ["a tilde fence", "~~~\nnpm start\n~~~\n"],
    ["an indented code block", "Run:\n\n    python app.py\n"],
    ["a 'Getting started' heading", "## Getting started\n\nInstall the requirements, then start the app.\n"],
    ["a 'How to run' heading", "### How to run it\n\nSee the Makefile.\n"],
    ["an inline command", "Start it with `streamlit run app.py` and open the browser.\n"],
    ["an inline pip command", "First `pip install -r requirements.txt`.\n"],
  ])("stays quiet on %s", async (_, section) => {
    const report = await reviewTree({ ...CODE, "README.md": `${ABOUT}\n${section}` }, [
      missingRunInstructions,
    ]);
    expect(report.findings).toEqual([]);
  });

  it("stays quiet when the repo has no code, or no README (missing-readme speaks then)", async () => {
    expect(
      (await reviewTree({ "README.md": ABOUT, "notes.txt": "x" }, [missingRunInstructions])).findings,
    ).toEqual([]);
    expect((await reviewTree(CODE, [missingRunInstructions])).findings).toEqual([]);
  });

  it("counts a notebook as code", async () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: "code", source: "x = 1", outputs: [] }] });
    const report = await reviewTree({ "explore.ipynb": notebook, "README.md": ABOUT }, [
      missingRunInstructions,
    ]);
    expect(report.findings.map((f) => f.file)).toEqual(["README.md"]);
  });
});
