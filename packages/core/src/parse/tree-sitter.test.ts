import { describe, expect, it } from "vitest";
import { grammarOf, loadParsers } from "./tree-sitter.js";

describe("tree-sitter grammars (runtime and grammars from one package, so their ABI matches)", () => {
  it.each([
    ["python", "def f(x):\n    return json.loads(x)\n", "function_definition"],
    ["javascript", "const f = (x) => JSON.parse(x);\n", "lexical_declaration"],
    ["typescript", "const f = (x: string): unknown => JSON.parse(x);\n", "lexical_declaration"],
    ["tsx", "export const App = () => <div>{JSON.parse(x)}</div>;\n", "export_statement"],
  ] as const)("parses %s", async (grammar, code, firstNode) => {
    const parsers = await loadParsers([grammar]);
    const tree = parsers.parse(grammar, code)!;
    expect(tree.rootNode.hasError).toBe(false);
    expect(tree.rootNode.firstChild!.type).toBe(firstNode);
    tree.delete();
  });

  it("runs queries with captures and positions", async () => {
    const parsers = await loadParsers(["python"]);
    const tree = parsers.parse(
      "python",
      "import json\n\nreply = json.loads(r.choices[0].message.content)\n",
    )!;
    const query = parsers.query(
      "python",
      "(call function: (attribute object: (identifier) @o attribute: (identifier) @a)) @call",
    );
    const [match] = query.matches(tree.rootNode);
    expect(match!.captures.map((c) => [c.name, c.node.text, c.node.startPosition.row])).toEqual([
      ["call", "json.loads(r.choices[0].message.content)", 2],
      ["o", "json", 2],
      ["a", "loads", 2],
    ]);
    tree.delete();
  });

  it("recovers from syntax errors and marks them", async () => {
    const parsers = await loadParsers(["python"]);
    const tree = parsers.parse("python", "def broken(:\n    pass\nx = 1\n")!;
    expect(tree.rootNode.hasError).toBe(true);
    tree.delete();
  });

  it("picks the grammar from the file name", () => {
    expect(["a.py", "b.ipynb", "c.mjs", "d.jsx", "e.ts", "f.tsx", "g.md"].map(grammarOf)).toEqual([
      "python",
      "python",
      "javascript",
      "javascript",
      "typescript",
      "tsx",
      null,
    ]);
  });
});
