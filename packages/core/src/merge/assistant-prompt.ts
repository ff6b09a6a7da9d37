// The ready prompt a learner can paste into their AI coding assistant: pair on the fix, learn the concept.
import type { RuleMeta } from "../detectors/types.js";

export interface PromptContext {
  meta: RuleMeta;
  message: string;
  location: string | null;
  code: string | null;
}

export function assistantPrompt({ meta, message, location, code }: PromptContext): string {
  const parts = [
    `I'm learning AI engineering and a code review (learnloop, rule ${meta.id}) pointed out: ${message}`,
  ];
  if (location) parts.push(`Where: ${location}`);
  if (code) parts.push(`The code:\n\`\`\`\n${code}\n\`\`\``);
  parts.push(
    `Please don't fix it for me. First explain the concept behind it (${meta.title.toLowerCase()}) in a few sentences, ` +
      "with a small example. Then ask me how I would change it, and review my attempt. The suggested first step is: " +
      meta.tryThis,
  );
  return parts.join("\n\n");
}
