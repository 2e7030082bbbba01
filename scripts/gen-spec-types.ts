// Generates src/spec/types.gen.ts from schemas/experiment.schema.json (run: node scripts/gen-spec-types.ts).
import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import { compile } from "json-schema-to-typescript"
import { resolvedSchema } from "../src/spec/schema-defaults.ts"
import { experimentSchema } from "../src/spec/validate-schema.ts"

/** Where the generated types are written. */
export const specTypesFile = fileURLToPath(new URL("../src/spec/types.gen.ts", import.meta.url))

const BANNER = [
  "// Spec types generated from schemas/experiment.schema.json by scripts/gen-spec-types.ts; do not edit.",
  "// They describe a spec after loading: every property with a schema default is present."
].join("\n")

/** The text of types.gen.ts for the current schema. */
export const generateSpecTypes = async (): Promise<string> =>
  compile(resolvedSchema(structuredClone(experimentSchema) as Record<string, unknown>) as Parameters<typeof compile>[0], "Experiment", {
    bannerComment: BANNER,
    additionalProperties: true,
    strictIndexSignatures: false,
    maxItems: -1,
    style: { singleQuote: false, semi: false, printWidth: 120 }
  })

if (import.meta.main) {
  fs.writeFileSync(specTypesFile, await generateSpecTypes())
  console.log(`wrote ${specTypesFile}`)
}
