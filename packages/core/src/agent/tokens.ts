// Token counts with a real BPE tokenizer (o200k, the encoding of current OpenAI models), never guessed from characters.
import { countTokens as count } from "gpt-tokenizer";

// Repository text may contain "<|endoftext|>" and friends: count them as the plain text they are.
const AS_TEXT = { disallowedSpecial: new Set<string>() };

export function countTokens(text: string): number {
  return count(text, AS_TEXT);
}
