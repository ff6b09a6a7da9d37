import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LineSpan, lineKinds, pythonBlocks, pythonCode, textRanges } from "./python-blocks.js";
import { syntaxOf } from "./syntax.js";
import { loadParsers, type Node } from "./tree-sitter.js";

// A module with the layouts that could fool an indentation reader: decorators, a multi-line header, a string
// whose lines start at column 0 and look like code, a backslash continuation, brackets across lines, a `try`
// at top level, a function inside an `if` and one inside an `else`, nested functions, CRLF-free tabs.
const MODULE = [
  "import os", // 1
  "", // 2
  "TEMPLATE = '''", // 3
  "def not_a_function():", // 4
  "    except:", // 5
  "'''", // 6
  "", // 7
  "class Bot(Base,", // 8
  "          Mixin):", // 9
  '    """Answers questions."""', // 10
  "", // 11
  "    @property", // 12
  "    @cached", // 13
  "    def name(self):", // 14
  "        return 'bot'", // 15
  "", // 16
  "    def reply(self, q,", // 17
  "              history=[]):", // 18
  "        total = 1 + \\", // 19
  "            2", // 20
  "        try:", // 21
  "            return self.ask(q)", // 22
  "        except:", // 23
  "            pass", // 24
  "", // 25
  "        def inner():", // 26
  "            print(q)", // 27
  "        return inner", // 28
  "", // 29
  "try:", // 30
  "    import fast", // 31
  "except:", // 32
  "    fast = None", // 33
  "", // 34
  "if os.name == 'nt':", // 35
  "    def path():", // 36
  "        return 'C:'", // 37
  "else:", // 38
  "    def path():", // 39
  "        return '/'", // 40
  "", // 41
  "CONFIG = {", // 42
  "    'a': 1,", // 43
  "}", // 44
  "", // 45
  "def main():", // 46
  "    print(CONFIG)", // 47
  "", // 48
].join("\n");

async function parseRegion(text: string, ranges: readonly LineSpan[]) {
  const parsers = await loadParsers(["python"]);
  return parsers.parse("python", text, textRanges(text, ranges))!;
}

/** Every node `keep` accepts, with its position and text. */
function nodesIn(root: Node, keep: (node: Node) => boolean): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (keep(node))
      out.push(
        `${node.type}@${node.startPosition.row}:${node.startPosition.column}-${node.endPosition.row} ${node.text}`,
      );
    for (const child of node.namedChildren) if (child) walk(child);
  };
  walk(root);
  return out;
}

describe("pythonBlocks: the code around some lines", () => {
  const blocks = pythonBlocks(MODULE)!;

  it("takes a method whole, with its decorators and only the header of its class", () => {
    expect(blocks.regionAround([15])).toEqual({
      units: [{ start: 12, end: 16 }],
      ranges: [
        { start: 8, end: 9 },
        { start: 12, end: 16 },
      ],
    });
  });

  it("takes a nested function whole, with the headers of the method and class around it", () => {
    // Line 27 is in `inner`, inside `reply`: `inner` is the unit (to the line before `return inner`).
    const region = blocks.regionAround([27])!;
    expect(region.units).toEqual([{ start: 26, end: 27 }]);
    expect(region.ranges).toEqual([
      { start: 8, end: 9 },
      { start: 17, end: 18 },
      { start: 26, end: 27 },
    ]);
  });

  it("takes a whole top-level try with its except clauses, and a whole if/else around a function", () => {
    expect(blocks.regionAround([32])!.units).toEqual([{ start: 30, end: 34 }]);
    expect(blocks.regionAround([40])!.units).toEqual([{ start: 35, end: 41 }]);
  });

  it("does not read the lines of a string as code, nor a continuation line as a statement", () => {
    // Line 5 says `except:` inside a string: its statement is the assignment on line 3.
    expect(blocks.regionAround([5])!.units).toEqual([{ start: 3, end: 7 }]);
    expect(blocks.regionAround([20])!.units).toEqual([{ start: 17, end: 29 }]);
  });

  it("drops lines outside every function when only functions count", () => {
    expect(blocks.regionAround([43], { functionsOnly: true })!.units).toEqual([]);
    expect(blocks.regionAround([43])!.units).toEqual([{ start: 42, end: 45 }]);
  });

  it("lists each def's header, decorators and multi-line parameters included", () => {
    expect(blocks.defHeaders).toEqual([
      { start: 12, end: 14 },
      { start: 17, end: 18 },
      { start: 26, end: 26 },
      { start: 36, end: 36 },
      { start: 39, end: 39 },
      { start: 46, end: 46 },
    ]);
  });

  it("lists top-level statements, with their last line of code, telling definitions from the rest", () => {
    // The string's lines count as code; blank lines after a statement do not.
    expect(blocks.statements.map((s) => [s.start, s.codeEnd, s.end, s.definition])).toEqual([
      [1, 1, 2, false],
      [3, 6, 7, false],
      [8, 28, 29, true],
      [30, 33, 34, false],
      [35, 40, 41, false],
      [42, 44, 45, false],
      [46, 47, 48, true],
    ]);
  });

  it("gives up on a layout it cannot trust, or when the region is most of the file", () => {
    expect(pythonBlocks("def f(:\n    return (1,\n")).toBeNull();
    expect(pythonBlocks('x = """never closed\ndef f():\n    pass\n')).toBeNull();
    expect(pythonBlocks("def f():\r    return 1\r")).toBeNull();
    expect(blocks.regionAround([15, 22, 33, 40, 43, 47])).toBeNull();
  });

  it("turns line spans into tree-sitter ranges, the last one ending with the text when it has no final newline", () => {
    expect(
      textRanges("a = 1\nb = 2\nc = 3", [
        { start: 1, end: 1 },
        { start: 3, end: 3 },
      ]),
    ).toEqual([
      {
        startIndex: 0,
        endIndex: 6,
        startPosition: { row: 0, column: 0 },
        endPosition: { row: 1, column: 0 },
      },
      {
        startIndex: 12,
        endIndex: 17,
        startPosition: { row: 2, column: 0 },
        endPosition: { row: 2, column: 5 },
      },
    ]);
  });

  it("parses to the same nodes inside each unit as the whole file does (tree-sitter, real grammar)", async () => {
    const parsers = await loadParsers(["python"]);
    const whole = parsers.parse("python", MODULE)!;
    for (const line of [5, 15, 20, 23, 27, 32, 37, 40, 43, 47]) {
      const region = blocks.regionAround([line])!;
      const tree = await parseRegion(MODULE, region.ranges);
      const syntax = syntaxOf(tree, "python", parsers, region.units);
      const inUnits = (n: Node) =>
        region.units.some((u) => u.start <= n.startPosition.row + 1 && n.endPosition.row + 1 <= u.end);
      expect(tree.rootNode.hasError, `line ${line}`).toBe(false);
      expect(nodesIn(tree.rootNode, syntax.complete), `line ${line}`).toEqual(
        nodesIn(whole.rootNode, inUnits),
      );
      tree.delete();
    }
    whole.delete();
  });
});

describe("lineKinds: what each line is to the block reader", () => {
  // The reader it replaced, kept as the reference: every character read in turn, strings and brackets followed
  // by hand. Same answers on the 1,790 files of Python's stdlib and on 10,740 cut and spliced copies of them.
  function characterByCharacter(text: string): { starts: number[]; code: number[] } | null {
    const starts: number[] = [];
    const code: number[] = [];
    const endLine = (startsStatement: boolean, holdsCode: boolean) => {
      starts.push(startsStatement ? 1 : 0);
      code.push(holdsCode ? 1 : 0);
    };
    let depth = 0;
    let lineStart = true;
    let hasCode = false;
    let continued = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === "\n") {
        endLine(lineStart && hasCode, hasCode);
        lineStart = depth === 0 && !continued;
        hasCode = false;
        continued = false;
      } else if (c === " " || c === "\t" || c === "\f" || c === "\r") {
        // whitespace changes nothing
      } else if (c === "#") {
        const end = text.indexOf("\n", i);
        i = (end === -1 ? text.length : end) - 1;
      } else if (c === "\\") {
        hasCode = true;
        continued = text.startsWith("\n", i + 1) || text.startsWith("\r\n", i + 1);
      } else if (c === '"' || c === "'") {
        hasCode = true;
        continued = false;
        const triple = text.startsWith(c.repeat(3), i);
        let j = i + (triple ? 3 : 1);
        for (;;) {
          if (j >= text.length) return null;
          if (text.startsWith(triple ? c.repeat(3) : c, j)) break;
          if (text[j] === "\\") {
            // An escaped character, a line break (LF or CRLF) included.
            j += text.startsWith("\r\n", j + 1) ? 3 : 2;
            if (text[j - 1] === "\n") {
              endLine(lineStart && hasCode, hasCode);
              lineStart = false;
            }
            continue;
          }
          if (text[j] === "\n") {
            if (!triple) return null;
            endLine(lineStart && hasCode, hasCode);
            lineStart = false;
          }
          j++;
        }
        i = j + (triple ? 3 : 1) - 1;
      } else {
        hasCode = true;
        continued = false;
        if ("([{".includes(c)) depth++;
        else if (")]}".includes(c) && depth > 0) depth--;
      }
    }
    endLine(lineStart && hasCode, hasCode);
    return depth === 0 ? { starts, code } : null;
  }

  const fragments = fc.constantFrom(
    ..."x = f ( ) [ ] { } ' \" ''' \"\"\" \\ \\\\ \\' # \t \f \r \u00a0 é".split(" "),
    " ",
    "\n",
    "\n",
    "\r\n",
    "\\\n",
    "\\\r\n",
    "# note\n",
    "def g():",
    "    ",
  );

  it("reads every line as a reader going character by character does, broken code included", () => {
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 60 }), (parts) => {
        const text = parts.join("");
        const kinds = lineKinds(text, pythonCode(text));
        const expected = characterByCharacter(text);
        expect(kinds && { starts: [...kinds.starts], code: [...kinds.code] }).toEqual(expected);
      }),
      { numRuns: 4000 },
    );
  });

  it("gives up on a one-line string that runs into a line break, as Python does", () => {
    expect(lineKinds("x = 'a\\\\\ny = 1\n", pythonCode("x = 'a\\\\\ny = 1\n"))).toBeNull();
    expect(lineKinds("x = 'a\\\ny = 1'\n", pythonCode("x = 'a\\\ny = 1'\n"))?.starts).toEqual(
      Uint8Array.from([1, 0, 0]),
    );
  });
});
