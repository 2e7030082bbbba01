import { performance } from "node:perf_hooks"
const t0 = performance.now()
const { parseAllDocuments, LineCounter } = await import("yaml")
const t1 = performance.now()
const text = (await import("node:fs")).readFileSync("experiments/quickstart.yaml", "utf8")
for (let i = 0; i < 3; i++) { const a = performance.now(); const lc = new LineCounter(); parseAllDocuments(text, { lineCounter: lc, keepSourceTokens: true }); console.log("parse", i, (performance.now() - a).toFixed(1)) }
console.log("import", (t1 - t0).toFixed(1))
