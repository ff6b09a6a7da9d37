// Reads the model's final reply: JSON validated against the schema, or one line saying why it could not be used.
import { z } from "zod";
import { MAX_MODEL_FINDINGS, type ModelFinding, modelFindingSchema } from "./schema.js";

const envelopeSchema = z.object({ findings: z.array(z.unknown()) });

export type ParsedAnswer =
  | { ok: true; findings: ModelFinding[]; invalid: number }
  | { ok: false; reason: string };

const REFUSAL =
  /\b(I['’]?m sorry|I can(?:no|['’])t (?:help|assist|comply|do that)|I am unable to|I won['’]t be able to)\b/i;

export function parseAnswer(content: string, finishReason?: string): ParsedAnswer {
  const text = content.trim();
  if (!text)
    return { ok: false, reason: "the model returned an empty answer (or refused without saying why)" };
  const json = extractJson(text);
  if (json === undefined) {
    if (finishReason === "length")
      return { ok: false, reason: "the model's answer was cut off (it hit its output limit)" };
    if (REFUSAL.test(text)) return { ok: false, reason: "the model declined to review this repository" };
    return { ok: false, reason: "the model's answer was not valid JSON (malformed or truncated)" };
  }
  const shaped = Array.isArray(json) ? { findings: json } : json;
  const envelope = envelopeSchema.safeParse(shaped);
  if (!envelope.success)
    return { ok: false, reason: "the model's answer did not have the expected shape (a findings list)" };
  // One bad finding does not spoil the others: each is validated on its own.
  const raw = envelope.data.findings.slice(0, MAX_MODEL_FINDINGS);
  const findings: ModelFinding[] = [];
  for (const item of raw) {
    const parsed = modelFindingSchema.safeParse(item);
    if (parsed.success) findings.push(parsed.data);
  }
  return { ok: true, findings, invalid: raw.length - findings.length };
}

/** The JSON value in a reply, tolerating a code fence or a sentence around it; undefined when there is none. */
export function extractJson(text: string): unknown {
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/);
  const candidates = [text, fenced?.[1], slice(text, "{", "}"), slice(text, "[", "]")];
  for (const c of candidates) {
    if (!c) continue;
    try {
      return JSON.parse(c);
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

function slice(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}
