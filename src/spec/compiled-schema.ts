// JSON Schema validators compiled once: ajv's standalone code, cached on disk by the schema's content, so a start-up loads no ajv.
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { createRequire } from "node:module"
import type { ErrorObject, ValidateFunction } from "ajv"
import { addSchemaKeywords } from "./schema-keywords.ts"

const require = createRequire(import.meta.url)

/** The ajv options a validator is compiled with (the JSON subset the project uses). */
export interface ValidatorOptions {
  readonly allErrors?: boolean
  readonly useDefaults?: boolean
  readonly verbose?: boolean
  readonly strict?: boolean
}

/** Bump when the project's keywords or the way code is generated change: older cache files are then ignored. */
const FORMAT = 1

let ajvPackage: { readonly dir: string; readonly version: string } | undefined
const ajvInstalled = () => {
  if (ajvPackage === undefined) {
    const file = require.resolve("ajv/package.json")
    ajvPackage = { dir: path.dirname(file), version: (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version }
  }
  return ajvPackage
}

/** Where compiled validators are kept: $DISTILL_SCHEMA_CACHE, else `.cache/distill-schemas` of the node_modules holding ajv. */
export const schemaCacheDir = (): string =>
  process.env.DISTILL_SCHEMA_CACHE !== undefined && process.env.DISTILL_SCHEMA_CACHE !== ""
    ? process.env.DISTILL_SCHEMA_CACHE
    : path.join(ajvInstalled().dir, "..", ".cache", "distill-schemas")

const memo = new Map<string, ValidateFunction>()

const cacheKey = (schema: unknown, options: ValidatorOptions): string => {
  const ajv = ajvInstalled()
  return createHash("sha256").update(JSON.stringify({ FORMAT, ajvVersion: ajv.version, ajvDir: ajv.dir, options, schema })).digest("hex").slice(0, 32)
}

/** Compiles with ajv (loaded only now) and writes the standalone code where `file` names; returns the in-memory validator. */
const compileAndStore = (schema: Record<string, unknown>, options: ValidatorOptions, file: string): ValidateFunction => {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js")
  const standalone = (require("ajv/dist/standalone/index.js") as { default: (ajv: unknown, fn: ValidateFunction) => string }).default
  const ajv = addSchemaKeywords(new Ajv2020({ ...options, code: { source: true } }))
  const validate = ajv.compile(schema)
  const code = standalone(ajv, validate)
    .replace(/require\("(ajv\/dist\/runtime\/[\w.]+)"\)/g, (_m, id: string) => `require(${JSON.stringify(require.resolve(id))})`)
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, code)
    fs.renameSync(tmp, file)
  } catch {
    // a read-only install still validates; it only compiles again next time
  }
  return validate
}

/**
 * The validator of `schema` under `options` (with the project's keywords). The first compile of a schema writes ajv's
 * standalone code to the cache; later processes load that code and never import ajv. Throws when the schema is invalid.
 */
export const compiledValidator = (schema: Record<string, unknown>, options: ValidatorOptions): ValidateFunction => {
  const key = cacheKey(schema, options)
  const known = memo.get(key)
  if (known !== undefined) return known
  const file = path.join(schemaCacheDir(), `${key}.cjs`)
  let validate: ValidateFunction | undefined
  if (fs.existsSync(file)) {
    try {
      const mod = require(file) as ValidateFunction | { default?: ValidateFunction }
      validate = typeof mod === "function" ? mod : mod.default
    } catch {
      validate = undefined
    }
  }
  validate ??= compileAndStore(schema, options, file)
  memo.set(key, validate)
  return validate
}

/** ajv's one-line rendering of errors (`data/x must be ...`), without an ajv instance at hand. */
export const errorsText = (errors: ReadonlyArray<ErrorObject> | null | undefined): string => {
  if (errors === null || errors === undefined || errors.length === 0) return "No errors"
  return errors.map((e) => `data${e.instancePath} ${e.message}`).join(", ")
}
