// Writes the spec reference between the markers in README.md from schemas/experiment.schema.json.
import * as fs from "node:fs"
import { renderSpecReference } from "../src/spec/reference.ts"

const schema = JSON.parse(fs.readFileSync(new URL("../schemas/experiment.schema.json", import.meta.url), "utf8"))
const readme = new URL("../README.md", import.meta.url)
const text = fs.readFileSync(readme, "utf8")
const start = "<!-- spec-reference:start -->\n"
const end = "<!-- spec-reference:end -->"
const a = text.indexOf(start)
const b = text.indexOf(end)
if (a < 0 || b < a) throw new Error("README.md lacks the spec-reference markers")
fs.writeFileSync(readme, text.slice(0, a + start.length) + renderSpecReference(schema) + text.slice(b))
console.log("README.md spec reference updated")
