import treeSitter from "@vscode/tree-sitter-wasm";
import { DETECTORS, loadDirectory, nodeFileSystem, review } from "../src/index.ts";
const P = (treeSitter as any).Parser.prototype; const orig = P.parse;
let current = ""; const by = new Map<string, [number, number]>();
P.parse = function (text: any, old: unknown, options?: any) {
  const r = orig.call(this, text, old, options);
  const k = `${current}${options?.includedRanges ? " (region)" : " (FULL)"}`;
  const size = options?.includedRanges ? options.includedRanges.reduce((a: number, x: any) => a + x.endIndex - x.startIndex, 0) : text.length;
  const e = by.get(k) ?? [0, 0]; e[0]++; e[1] += size; by.set(k, e); return r;
};
for (const d of DETECTORS) {
  if (d.scope !== "file") continue;
  const oc = d.check.bind(d) as any; (d as any).check = (f: any, c: any) => { current = d.meta.id; return oc(f, c); };
  if (d.index) { const ol = d.index.collect.bind(d.index); d.index.collect = (f: any, s: any, p: any) => { current = d.meta.id + "(collect)"; return ol(f, s, p); }; }
}
const loaded = await loadDirectory("/root/.pyenv/versions/3.11.7/lib/python3.11", { fs: nodeFileSystem });
if (!loaded.ok) throw 1;
await review(loaded.value);
for (const [k, [n, size]] of [...by].sort((a, b) => b[1][1] - a[1][1])) console.log(String(n).padStart(5), (size / 1e6).toFixed(2).padStart(6), "M", k);
