import { DETECTORS, loadDirectory, nodeFileSystem, review } from "../src/index.ts";
const loaded = await loadDirectory("/root/.pyenv/versions/3.11.7/lib/python3.11", { fs: nodeFileSystem });
if (!loaded.ok) throw 1;
const want = new Set(process.argv.slice(2));
const times = new Map<string, number>();
for (const d of DETECTORS) {
  if (d.scope !== "file") continue;
  const orig = d.check.bind(d) as any;
  (d as any).check = (file: any, ctx: any) => { const t = performance.now(); const r = orig(file, ctx); const add = () => { if (want.has(file.path)) times.set(`${file.path} ${d.meta.id}`, performance.now() - t); }; if (r instanceof Promise) return r.finally(add); add(); return r; };
  if (d.index) { const oc = d.index.collect.bind(d.index); d.index.collect = (file: any, s: any, p: any) => { const t = performance.now(); const r = oc(file, s, p); if (want.has(file.path)) times.set(`${file.path} ${d.meta.id}(collect)`, performance.now() - t); return r; }; }
}
await review(loaded.value);
for (const [k, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(ms.toFixed(0).padStart(6), k);
