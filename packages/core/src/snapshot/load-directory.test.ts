import fc from "fast-check";
import { isBinaryFileSync } from "isbinaryfile";
import { describe, expect, it } from "vitest";
import { memoryFileSystem } from "../testing/memory-fs.js";
import { isBinary, loadDirectory } from "./load-directory.js";

const load = (tree: Parameters<typeof memoryFileSystem>[0], options: { ignore?: string[] } = {}) =>
  loadDirectory("/repo", { fs: memoryFileSystem(tree), ...options });

describe("loadDirectory", () => {
  it("reads source files with /-separated relative paths and their lines", async () => {
    const result = await load({ "src/app.py": "a = 1\r\nb = 2\n", "README.md": "# hi\n" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files.map((f) => [f.path, f.language])).toEqual([
      ["README.md", "markdown"],
      ["src/app.py", "python"],
    ]);
    expect(result.value.files[1]!.lines).toEqual(["a = 1", "b = 2", ""]);
    expect(result.value.paths).toEqual(["README.md", "src/app.py"]);
  });

  it("respects .gitignore at the root and in subfolders, including negations", async () => {
    const result = await load({
      ".gitignore": "*.log\nbuild/\n",
      "app.log": "noise",
      "build/out.py": "x = 1",
      "src/.gitignore": "generated_*.py\n!generated_keep.py\n",
      "src/generated_a.py": "a = 1",
      "src/generated_keep.py": "b = 2",
      "src/main.py": "c = 3",
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.paths).toEqual([
      ".gitignore",
      "src/.gitignore",
      "src/generated_keep.py",
      "src/main.py",
    ]);
    expect(result.value.skipped).toEqual([]);
  });

  it("skips and counts vendored, generated, binary, minified, oversized, unreadable files and symlinks", async () => {
    const result = await load({
      "node_modules/lib/index.js": "module.exports = 1",
      ".venv/lib/site.py": "x = 1",
      "__pycache__/app.cpython-311.pyc": "x",
      "model.pt": "weights",
      "blob.dat": new Uint8Array([0, 1, 2, 3, 0, 0, 255, 0]),
      "dist/app.min.js": "var a=1;",
      "bundle.js": `var x=${"1+".repeat(3000)}1;`,
      "big.py": "x = 1\n".repeat(200_000),
      "secret.py": { unreadable: true },
      "link.py": { symlink: "app.py" },
      "app.py": "print('hi')\n",
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files.map((f) => f.path)).toEqual(["app.py"]);
    expect(Object.fromEntries(result.value.skipped.map((s) => [s.path, s.reason]))).toEqual({
      "node_modules/": "vendored",
      ".venv/": "vendored",
      "__pycache__/": "generated",
      "model.pt": "binary",
      "blob.dat": "binary",
      "dist/app.min.js": "minified",
      "bundle.js": "minified",
      "big.py": "oversized",
      "secret.py": "unreadable",
      "link.py": "symlink",
    });
  });

  it("leaves out what the config's ignore globs name, and counts it", async () => {
    const result = await load(
      { "data/raw/a.py": "x", "data/b.py": "y", "app.py": "z" },
      { ignore: ["data/raw/**"] },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files.map((f) => f.path)).toEqual(["app.py", "data/b.py"]);
    expect(result.value.skipped).toEqual([{ path: "data/raw/", reason: "ignored-by-config", bytes: null }]);
  });

  it("flattens notebooks to their code cells and skips a notebook that is not JSON", async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: "markdown", source: ["# Title"] },
        {
          cell_type: "code",
          source: ["import pandas as pd\n", "df = pd.read_csv('x.csv')"],
          execution_count: 2,
          outputs: [],
        },
        {
          cell_type: "code",
          source: "df.head()",
          execution_count: 1,
          outputs: [{ output_type: "error", ename: "NameError", evalue: "df", traceback: [] }],
        },
      ],
    });
    const result = await load({ "good.ipynb": notebook, "bad.ipynb": "{ not json" });
    if (!result.ok) throw new Error(result.error.message);
    const [file] = result.value.files;
    expect(file!.text).toBe("import pandas as pd\ndf = pd.read_csv('x.csv')\ndf.head()");
    expect(file!.notebook!.cells.map((c) => [c.index, c.startLine, c.executionCount, c.hasError])).toEqual([
      [2, 1, 2, false],
      [3, 3, 1, true],
    ]);
    expect(file!.notebook!.cells[1]!.outputText).toContain("NameError");
    expect(result.value.skipped).toEqual([{ path: "bad.ipynb", reason: "invalid-notebook", bytes: 10 }]);
  });

  it("decodes invalid UTF-8 without failing", async () => {
    const latin1 = new TextEncoder().encode(`# a comment written in an old editor\nname = 'caf?'\n`);
    latin1[latin1.indexOf(0x3f)] = 0xe9;
    const result = await load({ "latin1.py": latin1 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files[0]!.lines[1]).toBe("name = 'caf\uFFFD'");
  });

  it("reads UTF-16 files by their byte order mark (PowerShell's `pip freeze > requirements.txt`), and drops a UTF-8 one", async () => {
    const text = "openai\nrequests==2.31.0\n";
    const utf16le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const utf16be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, "utf16le").swap16()]);
    const utf8bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)]);
    const result = await load({
      "a/requirements.txt": utf16le,
      "b/requirements.txt": utf16be,
      "c/requirements.txt": utf8bom,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.skipped).toEqual([]);
    for (const file of result.value.files) {
      expect([file.path, file.text]).toEqual([file.path, text]);
      expect(file.lines).toEqual(["openai", "requests==2.31.0", ""]);
    }
    // A stray last byte of a big-endian file reads as one replacement character, as a decoder would give it.
    const odd = await load({ "requirements.txt": new Uint8Array([...utf16be, 0x61]) });
    if (!odd.ok) throw new Error(odd.error.message);
    expect(odd.value.files[0]!.text).toBe(`${text}\uFFFD`);
  });

  it("breaks lines at a lone CR (old Mac line ends) as editors do, keeping every offset", async () => {
    const text = "import os\rdef load():\r    return 1\r\n";
    const result = await load({ "app.py": text });
    if (!result.ok) throw new Error(result.error.message);
    const [file] = result.value.files;
    expect(file!.lines).toEqual(["import os", "def load():", "    return 1", ""]);
    expect(file!.text.length).toBe(text.length);
  });

  it("returns a one-line error for a missing directory or a file", async () => {
    const fs = memoryFileSystem({ "app.py": "x" });
    expect(await loadDirectory("/nowhere", { fs })).toEqual({
      ok: false,
      error: { code: "not-found", message: "/nowhere: no such directory" },
    });
    const file = await loadDirectory("/repo/app.py", { fs });
    expect(file.ok).toBe(false);
    if (!file.ok) expect(file.error.code).toBe("not-a-directory");
  });

  it("reads only the wanted paths when told to, but still lists every path", async () => {
    const result = await loadDirectory("/repo", {
      fs: memoryFileSystem({ "a.py": "1", "b.py": "2", "README.md": "r" }),
      wantText: (p) => p === "b.py",
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files.map((f) => f.path)).toEqual(["b.py"]);
    expect(result.value.paths).toEqual(["README.md", "a.py", "b.py"]);
  });

  it("reports the bytes of text read so far as it reads (binary and skipped files aside)", async () => {
    const seen: number[] = [];
    const result = await loadDirectory("/repo", {
      fs: memoryFileSystem({ "a.py": "12345", "b.md": "123", "logo.png": "x", "c.py": "1234567" }),
      onBytesRead: (bytes) => seen.push(bytes),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(seen).toHaveLength(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(15);
  });

  it("gives the event loop turns while it reads from a file system that blocks (as nodeFileSystem does)", async () => {
    const tree = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`m${i}.py`, "x = 1\n"]));
    const memory = memoryFileSystem(tree);
    const blocking = {
      ...memory,
      async read(path: string) {
        const until = performance.now() + 5;
        while (performance.now() < until) {}
        return memory.read(path);
      },
    };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const result = await loadDirectory("/repo", { fs: blocking });
      expect(result.ok && result.value.files).toHaveLength(100);
    } finally {
      clearInterval(timer);
    }
    // Half a second of blocking reads: a turn every 50 ms (plus the reads already under way) lets the timer run.
    expect(ticks).toBeGreaterThanOrEqual(2);
  });
});

describe("notebook magics", () => {
  it("turns IPython magics into comments of the same length, so the code parses", async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: "code", source: ["%pip install pandas\n", "  !ls data\n", "x = 1 % 2"], outputs: [] },
      ],
    });
    const result = await loadDirectory("/repo", { fs: memoryFileSystem({ "a.ipynb": notebook }) });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files[0]!.lines).toEqual(["#pip install pandas", "  #ls data", "x = 1 % 2"]);
  });
});

describe("loading from a known listing (PR mode)", () => {
  it("uses the listing instead of walking, with the same skips", async () => {
    const result = await loadDirectory("/repo", {
      fs: memoryFileSystem({
        "a.py": "1",
        "b.py": "2",
        "node_modules/x/i.js": "3",
        "logo.png": "4",
        "data/raw/c.py": "5",
      }),
      listing: ["b.py", "a.py", "node_modules/x/i.js", "node_modules/y/j.js", "logo.png", "data/raw/c.py"],
      wantText: (p) => p === "b.py",
      ignore: ["data/raw/**"],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.paths).toEqual(["a.py", "b.py", "logo.png"]);
    expect(result.value.files.map((f) => f.path)).toEqual(["b.py"]);
    expect(result.value.skipped.map((s) => [s.path, s.reason])).toEqual([
      ["data/raw/c.py", "ignored-by-config"],
      ["logo.png", "binary"],
      ["node_modules/", "vendored"],
    ]);
  });
});

describe("telling binary files from text", () => {
  const library = (bytes: Uint8Array) =>
    bytes.length > 0 && isBinaryFileSync(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const text = (s: string) => new TextEncoder().encode(s);

  it("answers as isbinaryfile does, on plain starts (its shortcut) and on any bytes", () => {
    // Plain ASCII starts with the odd byte past the first 512, PDFs, BOMs and NULs, and random bytes.
    const plain = fc.string({ unit: fc.constantFrom(..." \t\n\r\x07\x0b\x0c\x0e\x7fabc%PDF-{}") });
    const odd = fc.constantFrom(0, 1, 6, 15, 31, 128, 0xc3, 0xa9, 0xef, 0xbb, 0xbf, 0xfe, 0xff);
    const bytes = fc.oneof(
      fc.tuple(plain, fc.array(odd, { maxLength: 3 }), fc.nat(700)).map(([s, extra, at]) => {
        const base = text(s.repeat(1 + Math.floor(700 / (s.length + 1))));
        const out = Uint8Array.from(base);
        extra.forEach((b, i) => {
          if (out.length > 0) out[(at + i) % out.length] = b;
        });
        return out;
      }),
      fc.uint8Array({ maxLength: 1200 }),
      fc.tuple(fc.constantFrom("%PDF-1.4\n", "\uFEFF", "abc\0def"), plain).map(([a, b]) => text(a + b)),
    );
    fc.assert(
      fc.property(bytes, (b) => isBinary(b) === library(b)),
      { numRuns: 3000 },
    );
  });

  it("reads code as text and a PDF or a NUL-holding file as binary", () => {
    expect(isBinary(text("import os\n\nprint('hi')\n"))).toBe(false);
    expect(isBinary(text("%PDF-1.7\n1 0 obj"))).toBe(true);
    expect(isBinary(text("abc\0def"))).toBe(true);
    expect(isBinary(new Uint8Array())).toBe(false);
  });
});
