// Writes the spec reference between the markers in README.md from schemas/experiment.schema.json.
import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import { withSpecReference } from "../src/spec/reference.ts"

/** The README this script maintains. */
export const readmeFile = fileURLToPath(new URL("../README.md", import.meta.url))

/** README.md's text with its spec reference regenerated from the schema. */
export const readmeWithReference = (): string => {
  const schema = JSON.parse(fs.readFileSync(new URL("../schemas/experiment.schema.json", import.meta.url), "utf8"))
  return withSpecReference(fs.readFileSync(readmeFile, "utf8"), schema)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(readmeFile, readmeWithReference())
  console.log("README.md spec reference updated")
}
