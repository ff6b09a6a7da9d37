import { performance } from "node:perf_hooks";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { describe, expect, it } from "vitest";
import { labelledCorpusFiles } from "../../testing/corpus-files.js";
import { linesSecretlintReads, scanForSecrets } from "./secret-scan.js";

const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

/** secretlint's own verdicts on a text: rule and line of each message. */
async function secretlint(content: string): Promise<string[]> {
  const result = await lintSource({
    source: { filePath: "/config.py", content, contentType: "text" },
    options: { config, maskSecrets: true },
  });
  return result.messages.map((m) => `${m.ruleId} ${m.loc.start.line}`);
}

const alnum = (n: number, seed = 7) =>
  Array.from({ length: n }, (_, i) => "aB3dE5fG7hJ9kLmN2pQr4StUvW6xYz8"[(i * seed) % 31]).join("");
const FILLER = ["import os", "", "def run(rows):", "    return [r for r in rows]", "  ", ""];

/** A 1Password service-account token: base64 of a JSON object, ending `fQ` (one byte, `}`, in its last group). */
function onePasswordToken(): string {
  let secret = alnum(90);
  while (JSON.stringify({ signInAddress: "my.1password.com", secret }).length % 3 !== 1) secret += "x";
  const json = JSON.stringify({ signInAddress: "my.1password.com", secret });
  return `ops_${Buffer.from(json).toString("base64").replaceAll("=", "")}`;
}

/** One secret for each rule of the preset, among lines that hold none, some split over lines. */
const SECRETS = [
  `aws_secret_access_key = "${alnum(40, 11)}"`,
  // The AWS rule's name, `=` and key may sit on lines of their own.
  `AWS_SECRET_ACCESS_KEY\n\n    =\n  \n    "${alnum(40, 13)}"`,
  `SLACK = "xoxb-1234567890-${alnum(24)}"`,
  `HOOK = "https://hooks.slack.com/services/T${alnum(8)}/B${alnum(8)}/${alnum(24)}"`,
  'DB = "https://learner:s3cretPassw0rd@db.example.com/app"',
  `NPM = "npm_${alnum(36)}"`,
  'GITHUB = "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"',
  `OPENAI = "sk-${alnum(20)}T3BlbkFJ${alnum(20, 3)}"`,
  `LINEAR = "lin_api_${alnum(40)}"`,
  `SENDGRID = "SG.${alnum(22)}.${alnum(43, 5)}"`,
  `SHOPIFY = "shpat_${alnum(32)}"`,
  `OP = "${onePasswordToken()}"`,
  'GITHUB2 = "ghp_aWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx"  # secretlint-disable-line',
];

describe("scanForSecrets", () => {
  it("finds secrets without leaving secretlint's timing marks behind (they pile up over a large review)", async () => {
    const marks = () => performance.getEntriesByType("mark").length;
    const before = marks();
    const text = 'GITHUB = "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"\npassword = "x"\n';
    for (let i = 0; i < 20; i++) {
      const hits = await scanForSecrets(text, `config${i}.py`);
      expect(hits).toEqual([{ kind: "GitHub token", line: 1 }]);
    }
    expect(marks()).toBe(before);
  });

  it("has secretlint read only the lines its rules can match on, and it finds what it finds in the whole text", async () => {
    const text = SECRETS.flatMap((line) => [...FILLER, line]).join("\n");
    const whole = await secretlint(text);
    // Every rule of the preset that reads text fired (the GCP and private-key rules read the whole text anyway),
    // the AWS one on both keys.
    expect(new Set(whole.map((m) => m.split(" ")[0])).size).toBe(10);
    expect(whole.filter((m) => m.includes("rule-aws"))).toHaveLength(2);
    const read = linesSecretlintReads(text)!;
    expect(read.length).toBeLessThan(text.length * 0.75);
    expect(read.split("\n").length).toBeLessThanOrEqual(text.split("\n").length);
    expect(await secretlint(read)).toEqual(whole);
    // Windows line ends too.
    const crlf = text.replaceAll("\n", "\r\n");
    expect(await secretlint(linesSecretlintReads(crlf)!)).toEqual(await secretlint(crlf));
  });

  it("gives secretlint nothing to read when no line can match, and finds the same in every corpus file", async () => {
    expect(linesSecretlintReads("import os\npassword = input()\n")).toBeNull();
    const files = await labelledCorpusFiles();
    for (const file of files) {
      const read = linesSecretlintReads(file.text);
      expect(read === null ? [] : await secretlint(read), file.path).toEqual(await secretlint(file.text));
    }
    expect(files.length).toBeGreaterThan(100);
  });

  it("gates on what the rules look for, so a webhook or a token needs no word like 'key' beside it", async () => {
    const hook = `NOTIFY = "https://hooks.slack.com/services/T${alnum(8)}/B${alnum(8)}/${alnum(24)}"`;
    expect(await scanForSecrets(`import requests\n${hook}\n`, "notify.py")).toEqual([
      { kind: "Slack token", line: 2 },
    ]);
    expect(await scanForSecrets(`LINEAR = "lin_api_${alnum(40)}"\n`, "app.py")).toEqual([
      { kind: "Linear API key", line: 1 },
    ]);
    // URLs without a password are not read at all.
    expect(linesSecretlintReads("# see https://docs.python.org/3/\nimport os\n")).toBeNull();
  });

  it("scans private keys and key files whole", async () => {
    const key = [
      "x = 1",
      "-----BEGIN RSA PRIVATE KEY-----",
      alnum(64),
      alnum(64),
      "-----END RSA PRIVATE KEY-----",
    ];
    expect(await scanForSecrets(key.join("\n"), "id_rsa.txt")).toEqual([{ kind: "private key", line: 2 }]);
  });

  it("honours secretlint-disable comments for the AI key shapes too, as secretlint does for its rules", async () => {
    const key = `sk-proj-${alnum(48)}`;
    const text = [
      `A = "${key}"  # secretlint-disable-line`, // 1: off
      "# secretlint-disable-next-line -- a test fixture",
      `B = "${key}"`, // 3: off
      "# secretlint-disable",
      `C = "${key}"`, // 5: off
      'D = "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"', // 6: off (secretlint's own rule)
      "# secretlint-enable",
      `E = "${key}"`, // 8: reported
      `F = "${key}"  # secretlint-disable-line @secretlint/secretlint-rule-github`, // 9: only GitHub's rule is off
      `G = "${key}"  # secretlint-disable-line learnloop/ai-provider-keys`, // 10: off, by the shapes' rule id
    ].join("\n");
    expect(await scanForSecrets(text, "app.py")).toEqual([
      { kind: "OpenAI API key", line: 8 },
      { kind: "OpenAI API key", line: 9 },
    ]);
  });

  it("honours a secretlint-disable-line comment on a last line with no line break", async () => {
    const key = `sk-proj-${alnum(48)}`;
    const github = "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";
    expect(await scanForSecrets(`A = "${key}"  # secretlint-disable-line`, "app.py")).toEqual([]);
    expect(await scanForSecrets(`x = 1\nD = "${github}"  # secretlint-disable-line`, "app.py")).toEqual([]);
    expect(await scanForSecrets(`x = 1\nD = "${github}"`, "app.py")).toEqual([
      { kind: "GitHub token", line: 2 },
    ]);
  });
});
