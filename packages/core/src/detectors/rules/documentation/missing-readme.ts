// documentation/missing-readme: no README at the root of the project.
import type { RepoDetector } from "../../types.js";

export const missingReadme: RepoDetector = {
  scope: "repo",
  meta: {
    id: "documentation/missing-readme",
    area: "documentation",
    level: "essential",
    title: "The project has no README",
    why: "A README is where a project says what it is for, how to run it and how you know it works. Writing it forces a specific outcome, which is what turns a pile of code into a project you can talk about.",
    tryThis:
      "Add a README.md with three parts: one sentence on what the project does and for whom, the commands to run it, and how you measure that it works.",
    learnMore: ["https://www.makeareadme.com/"],
    example: {
      language: "text",
      file: "(repository root)",
      bad: "app.py\nrequirements.txt",
      good: "README.md        # what it does, how to run it, how you know it works\napp.py\nrequirements.txt",
    },
    goal: "Write a README that states the project's outcome in one measurable sentence and the commands to run it",
  },
  check(repo) {
    if (repo.readme() !== undefined || repo.paths.some((p) => /^readme(\.[a-z]+)?$/i.test(p))) return [];
    return [{ file: null, line: null, message: "There is no README at the root of the project." }];
  },
};
