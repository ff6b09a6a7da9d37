// Renders a report as SARIF 2.1.0, the format GitHub code scanning (upload-sarif) and editors read.
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { RuleMeta } from "../detectors/types.js";
import type { Finding, Report } from "../report/contract.js";

const SARIF_LEVEL: Record<Finding["level"], Result.level> = {
  essential: "error",
  actionable: "warning",
  informative: "note",
  celebratory: "none",
};

export interface SarifOptions {
  toolVersion: string;
  informationUri: string;
  rules: readonly RuleMeta[];
}

export function renderSarif(report: Report, options: SarifOptions): Log {
  const used = [...new Set(report.findings.map((f) => f.ruleId))];
  const metaById = new Map(options.rules.map((r) => [r.id, r]));
  const rules: ReportingDescriptor[] = used.map((id) => {
    const meta = metaById.get(id);
    return {
      id,
      name: id.split("/")[1],
      shortDescription: { text: meta?.title ?? id },
      fullDescription: { text: meta?.why ?? id },
      help: {
        text: meta?.tryThis ?? "",
        markdown: meta ? `${meta.why}\n\n**Try this:** ${meta.tryThis}` : "",
      },
      helpUri: meta?.learnMore[0],
      properties: { tags: ["learnloop", meta?.area ?? id.split("/")[0]!] },
    };
  });

  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: used.indexOf(f.ruleId),
    level: SARIF_LEVEL[f.level],
    kind: f.level === "celebratory" ? "pass" : "fail",
    message: { text: `${f.message} Try this: ${f.tryThis}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file ?? "README.md", uriBaseId: "%SRCROOT%" },
          ...(f.line === null ? {} : { region: { startLine: f.line, endLine: f.endLine ?? f.line } }),
        },
      },
    ],
    partialFingerprints: { "learnloop/v1": f.fingerprint },
  }));

  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "learnloop",
            version: options.toolVersion,
            informationUri: options.informationUri,
            rules,
          },
        },
        results,
      },
    ],
  };
}
