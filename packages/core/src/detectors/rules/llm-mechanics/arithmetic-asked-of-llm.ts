// llm-mechanics/arithmetic-asked-of-llm: a prompt asks the model to add, count or sort what code does exactly.
import { calls, lineOf } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { bindings, callsLlm, isModelCall, isString, stringContent, valuesOf } from "../../lib/llm-code.js";
import { outsideTests } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** Requests with one exact answer that a line of code computes: totals, averages, counts of words, sorting. */
const ARITHMETIC: RegExp[] = [
  /\b(calculate|compute|add up|sum up|work out|tally)\b[^.\n]{0,40}?\b(total|sum|average|mean|median|percentage|difference)\b/i,
  /\b(what is|give me|return|tell me|find|output) the (sum|total|average|mean|median) of\b/i,
  /\b(sum|total|average|mean) of (all |the |these |each )*(numbers|values|amounts|prices|scores|costs|figures|expenses|sales|quantities|ratings)\b/i,
  /\bcount (the number of |how many |the |all )?(words|characters|letters|lines|rows|tokens|sentences|vowels|occurrences)\b/i,
  /\bhow many (words|characters|letters|lines|rows|tokens|sentences|vowels)\b/i,
  // A count of the input's words asked as an output field: "word_count: the number of words in the notes".
  /\b(number|count) of (words|characters|letters|lines|rows|tokens|sentences|vowels) (in|of) (the|this|these|my|your|each|every) (original |input |given |following |above |provided )?(text|notes|article|document|message|email|transcript|input|review|paragraph|passage|story|essay|file|page)s?\b/i,
  /\bcount how many times\b|\bhow many times (each|the word|a word|does)\b|\bword frequenc(y|ies)\b/i,
  // Counting items per group: "count how many tickets there are in each category".
  /\bcount (how many|the number of) \w+( \w+){0,3}? (there (are|is|were) )?(in|per|for|under) (each|every)\b/i,
  // Ordering by a count: "sorted from most to fewest tickets" ("most to least urgent" is a judgement, not a count).
  /\b(sort|sorted|order|ordered|rank|ranked)\b[^.\n]{0,60}?\bfrom (most|highest) to (fewest|lowest)\b|\bfrom fewest to most\b/i,
  /\bsort (the|these|this|them|all)\b[^.\n]{0,40}?\b(alphabetically|by (date|price|value|amount|size|length|score|age|name)|in (ascending|descending|alphabetical|numerical|chronological) order)\b/i,
];
/** The prompt hands the work to code or a tool: the model is not doing the arithmetic itself. */
const DELEGATED = /\b(python|code|tool|function call|calculator|script|program)\b/i;
/** Names that say a string is a prompt. */
const PROMPT_NAME = /prompt|template|instruction|system|task|query/i;
const TEMPLATE_CALL =
  /(^|\.)(PromptTemplate|ChatPromptTemplate|from_template|from_messages|SystemMessage|HumanMessage|SystemMessagePromptTemplate|HumanMessagePromptTemplate)$/;

export const arithmeticAskedOfLlm: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  // Without the word boundaries: a superset of the patterns that also sees "\n\nCount how many" in a literal.
  prefilter: new RegExp(ARITHMETIC.map((re) => re.source.replaceAll("\\b", "")).join("|"), "i"),
  appliesToPath: outsideTests,
  applies: (repo) => callsLlm(repo),
  meta: {
    id: "llm-mechanics/arithmetic-asked-of-llm",
    area: "llm-mechanics",
    level: "actionable",
    title: "A prompt asks the model to do arithmetic, counting or sorting that code does exactly",
    why: "A language model predicts text token by token: it does not add numbers or count letters, it guesses what the answer looks like, and the guess is often close but wrong. Code gets totals, counts and sort orders exactly right, every time, for free. Let code compute, and let the model explain or phrase the result.",
    tryThis:
      "Compute the number in Python or TypeScript (`sum(...)`, `len(text.split())`, `sorted(...)`), pass the result into the prompt as a fact, and compare the old and new answers on 10 inputs.",
    learnMore: [
      "https://platform.openai.com/docs/guides/function-calling",
      "https://huggingface.co/learn/llm-course/chapter6/1",
    ],
    example: {
      language: "python",
      file: "expenses.py",
      bad: 'prompt = f"Here are my expenses: {rows}. Calculate the total and say if I am over budget."',
      good: 'total = sum(row["amount"] for row in rows)\nprompt = f"My expenses total {total:.2f} and my budget is {budget:.2f}. Explain in one sentence whether I am over budget."',
    },
    goal: "Compute every number, count and ordering in code, and give the model only the results to explain",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const binds = bindings(tree);
    const prompts = new Map<number, Node>();
    const add = (node: Node | null | undefined) => {
      // `PROMPT = ("..." "...")`: the parentheses only group an implicit concatenation.
      const inner = node?.type === "parenthesized_expression" ? node.namedChildren[0] : node;
      if (inner && isString(inner)) prompts.set(inner.startIndex, inner);
    };
    for (const { node, name } of calls(tree)) {
      const model = isModelCall(name, node);
      if (!model && !TEMPLATE_CALL.test(name)) continue;
      const args = node.childForFieldName("arguments");
      if (!args) continue;
      for (const literal of args.descendantsOfType(["string", "template_string"])) add(topString(literal));
      if (!model) continue;
      // `p = f"..."` then `messages=[{"content": p}]`
      for (const id of args.descendantsOfType("identifier")) {
        if (id) for (const value of valuesOf(id.text, id, binds)) add(value);
      }
    }
    for (const b of binds) if (PROMPT_NAME.test(b.name)) add(b.value);

    const found: RawFinding[] = [];
    for (const node of [...prompts.values()].sort((a, b) => a.startIndex - b.startIndex)) {
      // `\n` written in the literal is no word character: "...\n\nCount how many" must still start a word.
      const text = stringContent(node)?.replace(/\\[ntr]/g, "  ") ?? null;
      if (text === null || DELEGATED.test(text)) continue;
      const match = ARITHMETIC.map((re) => re.exec(text)).find((m) => m !== null);
      if (!match) continue;
      const offset = text.slice(0, match.index).split("\n").length - 1;
      found.push({
        file: file.path,
        line: lineOf(node) + offset,
        message: `The prompt says "${match[0].trim()}", which code computes exactly and a model only guesses.`,
      });
    }
    return found;
  },
};

/** A string piece of an implicit concatenation stands for the whole literal. */
function topString(node: Node | null): Node | null {
  if (!node) return null;
  return node.parent?.type === "concatenated_string" ? node.parent : node;
}
