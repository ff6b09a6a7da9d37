import { ipynbLine, jupyterJson } from "@learnloop/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../github-server/index.js";
import { runAction, TOKEN } from "./run-action.js";

const cell = (source: string[], count: number) => ({
  cell_type: "code",
  execution_count: count,
  metadata: {},
  outputs: [],
  source,
});
const LOAD = [
  "import json\n",
  "\n",
  "def load(path):\n",
  "    with open(path) as f:\n",
  "        return json.load(f)",
];
const SAVE = [
  "def save(path, data):\n",
  "    try:\n",
  "        write(path, data)\n",
  "    except:\n",
  "        pass",
];

const notebook = (cells: unknown[]) => jupyterJson({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
const BEFORE = notebook([cell(LOAD, 1)]);
const AFTER = notebook([
  cell(LOAD, 1),
  { cell_type: "markdown", metadata: {}, source: ["## Save the results"] },
  cell(SAVE, 2),
]);

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
});
afterEach(async () => {
  await server.close();
});

describe("the Action on a pull request that changes a notebook", () => {
  it("comments inline on the .ipynb line GitHub's diff shows, and names the cell", async () => {
    const pr = server.seedPullRequest({
      owner: "octo-learner",
      repo: "titanic",
      number: 3,
      files: [{ filename: "explore.ipynb", before: BEFORE, after: AFTER }],
      baseFiles: { "README.md": "# Titanic\n\n```sh\njupyter lab\n```\n", "explore.ipynb": BEFORE },
    });
    const run = await runAction(server, pr);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // The fake GitHub rejects (and records) a review comment that is not on a line of the diff.
    server.assertNoViolations();

    const except = ipynbLine(AFTER, "    except:\n");
    expect(except).toBeGreaterThan(LOAD.length + SAVE.length);
    const comments = [...server.repo().reviewComments.values()].filter((c) => c.path === "explore.ipynb");
    expect(comments.map((c) => c.line)).toContain(except);
    const bare = comments.find((c) => c.body.includes("code-quality/bare-except"))!;
    expect(bare.line).toBe(except);
    expect(bare.body).toContain("In cell 3, line 4:");
    expect(bare.body).toContain("explore.ipynb, cell 3, line 4");
  });
});
