// llm-reliability/uncapped-agent-loop: an agent loop (model → tool → model ...) with nothing that stops it after N steps.
import { calls, keywordArguments, lineOf } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { bindings, callsLlm, directlyWithin, isModelCall, modelCallers } from "../../lib/llm-code.js";
import { outsideTests } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** The loop runs for as long as the model keeps asking for tools. */
const MODEL_DECIDES = /\b(stop_reason|finish_reason|tool_calls|tool_use|function_call|requires_action)\b/;
/** What an agent loop does in its body: read tool calls, run tools, look for a final answer. */
const AGENT_MARKER =
  /\b(tool_calls|tool_use|function_call|tool_choice|stop_reason|finish_reason|execute_tool|run_tool|call_tool|available_functions|tool_result|toolCalls|tool_outputs)\b|Final Answer|\bAction:/;
/** A human or a queue paces the loop: one model turn per message, not a runaway. */
const PACED =
  /\b(input|raw_input|readline|question|prompt|recv|receive|chat_input|accept|listen|poll|sleep|wait_for|get_message)\s*\(|\bqueue\.get\b|\bsys\.stdin\b|\bprocess\.stdin\b|\bPrompt\.ask\b/;
/** Names and clocks that cap a loop, whatever its shape. */
const CAP_NAME =
  /\b[\w.]*(max_?(steps|iter\w*|turns|rounds|calls|tool_calls|loops|hops|depth)|step_limit|turn_limit|budget|deadline)\b|\btime\.(time|monotonic|perf_counter)\(|\bDate\.now\(|\bperformance\.now\(/i;
const CAP_CONSTANT =
  /\bMAX_(?!TOKENS|OUTPUT_TOKENS|NEW_TOKENS|COMPLETION_TOKENS|RETRIES|LENGTH|CHARS)[A-Z_]+\b/;

/** Whether something in the loop counts steps (`step += 1`, `i++`) or names a cap or a deadline. */
function capped(loop: Node): boolean {
  if (CAP_NAME.test(loop.text) || CAP_CONSTANT.test(loop.text)) return true;
  // An inner `for (let i = 0; ...; i++)` over the tool calls counts those, not the loop's steps.
  const counters = loop
    .descendantsOfType(["update_expression", "augmented_assignment", "augmented_assignment_expression"])
    .filter((n): n is Node => n !== null && n.parent?.type !== "for_statement");
  return counters.some((n) => {
    if (n.type === "update_expression") return true;
    const right = n.childForFieldName("right");
    return right !== null && /^(integer|number)$/.test(right.type);
  });
}

export const uncappedAgentLoop: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  // A loop that may run until the model stops (`while`, `for (;;)`) in a text that holds what such a loop reads or
  // does (its body or condition must match AGENT_MARKER or MODEL_DECIDES); or an executor's iteration cap.
  prefilter: new RegExp(
    String.raw`^(?=[\s\S]*?(?:\bwhile\b|for\s*\(\s*;\s*;))(?=[\s\S]*?(?:${AGENT_MARKER.source}|${MODEL_DECIDES.source}))|max_iterations|maxIterations`,
  ),
  appliesToPath: outsideTests,
  applies: (repo) => callsLlm(repo),
  meta: {
    id: "llm-reliability/uncapped-agent-loop",
    area: "llm-reliability",
    level: "essential",
    title: "An agent loop has no limit on how many steps it runs",
    why: "An agent calls the model, runs the tool it asks for, and calls the model again until the model says it is done. A model can get stuck asking for the same tool over and over; with no step limit that loop runs, and bills tokens, until something crashes. Every production agent framework caps the steps for this reason.",
    tryThis:
      "Replace `while True:` with `for step in range(MAX_STEPS):` (start with 10), and after the loop return a clear message such as 'I could not finish this task in 10 steps'; then log how many steps real questions take.",
    learnMore: [
      "https://www.anthropic.com/engineering/building-effective-agents",
      "https://python.langchain.com/api_reference/langchain/agents/langchain.agents.agent.AgentExecutor.html",
    ],
    example: {
      language: "python",
      file: "agent.py",
      bad: "while True:\n    response = client.chat.completions.create(model=MODEL, messages=messages, tools=TOOLS)\n    message = response.choices[0].message\n    if not message.tool_calls:\n        return message.content\n    messages += run_tools(message.tool_calls)",
      good: 'for step in range(MAX_STEPS):\n    response = client.chat.completions.create(model=MODEL, messages=messages, tools=TOOLS)\n    message = response.choices[0].message\n    if not message.tool_calls:\n        return message.content\n    messages += run_tools(message.tool_calls)\nreturn f"Stopped after {MAX_STEPS} steps without an answer."',
    },
    goal: "Cap every agent loop at a fixed number of steps and return a clear answer when the cap is reached",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const allCalls = calls(tree);
    const wrappers = modelCallers(tree.root, allCalls, () => bindings(tree));
    const modelCalls = allCalls.filter(
      ({ node, name }) => isModelCall(name, node) || wrappers.has(name.replace(/^(self|this)\./, "")),
    );
    const found: RawFinding[] = [];

    const loops =
      modelCalls.length === 0
        ? []
        : tree.root.descendantsOfType(["while_statement", "for_statement", "do_statement"]);
    for (const loop of loops) {
      if (!loop) continue;
      const condition = loopCondition(loop);
      if (condition === undefined) continue; // a counted `for` loop
      const forever = condition === null || /^\(?\s*(True|true|1|!0)\s*\)?$/.test(condition.text);
      const modelDecides = !forever && condition !== null && MODEL_DECIDES.test(condition.text);
      if (!forever && !modelDecides) continue;
      if (!modelCalls.some(({ node }) => directlyWithin(node, loop))) continue;
      const text = loop.text;
      if ((forever && !AGENT_MARKER.test(text)) || PACED.test(text) || capped(loop)) continue;
      found.push({
        file: file.path,
        line: lineOf(loop),
        message: forever
          ? `This \`${firstLine(loop)}\` loop calls the model and its tools until the model stops, with no step limit.`
          : `This loop runs for as long as the model asks for tools (\`${condition!.text}\`), with no step limit.`,
      });
    }

    for (const { node, name } of allCalls) {
      if (!/(^|\.)(AgentExecutor|initialize_agent|from_agent_and_tools|fromAgentAndTools)$/.test(name))
        continue;
      const kwargs = keywordArguments(node);
      const limit = kwargs?.get("max_iterations") ?? kwargs?.get("maxIterations");
      if (!limit || !/^(None|Infinity|Number\.POSITIVE_INFINITY)$/.test(limit.text)) continue;
      const key = kwargs?.has("max_iterations") ? "max_iterations" : "maxIterations";
      found.push({
        file: file.path,
        line: lineOf(limit),
        message: `\`${key}${tree.grammar === "python" ? "=" : ": "}${limit.text}\` lets the agent run with no step limit.`,
      });
    }
    return found;
  },
};

/** A loop's condition; null for `for (;;)` and `do ... while(true)` shapes with none; undefined for counted loops. */
function loopCondition(loop: Node): Node | null | undefined {
  if (loop.type === "while_statement" || loop.type === "do_statement")
    return loop.childForFieldName("condition");
  // JS `for (init; cond; step)`: only `for (;;)` runs forever. Python `for x in ...` is always counted.
  if (loop.type === "for_statement" && loop.childForFieldName("increment") === null) {
    const condition = loop.childForFieldName("condition");
    if (condition && condition.type === "empty_statement") return null;
  }
  return undefined;
}

const firstLine = (loop: Node): string =>
  loop.text
    .split("\n")[0]!
    .replace(/\s*\{?\s*$/, "")
    .trim();
