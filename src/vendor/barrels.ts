// Barrel entries (`effect`, `effect/cli`, ...): modules that only re-export other public entries, served as facades over them.
//
// Why: bundled with the rest, a barrel's `export * as Schema from "./Schema.js"` makes the bundler build a namespace
// object for each module it names, eagerly, inside the chunk every command loads. With effect's 34 barrels that was 146
// namespace objects and about 45 ms of every start-up (bench/startup-modules.ts). A facade that re-exports the same names
// from the public specifiers (`export * as Schema from "effect/Schema"`) resolves, through the start-up hook, to the
// bundle's own entries: one copy of each module still, and Node builds a namespace only when a barrel is imported.
import * as fs from "node:fs"
import * as path from "node:path"

const STATEMENT = /^export\s+(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s+from\s+(["'])(\.{1,2}\/[^"']+)\1\s*;?\s*/

/**
 * The facade of a barrel: its re-exports with every relative target replaced by that file's public specifier. Undefined
 * when `file` holds anything but `export ... from "./..."` statements (and comments), or re-exports a file that is not
 * a public entry (then it is bundled as it is).
 */
export const barrelFacade = (file: string, specifierOf: (file: string) => string | undefined): string | undefined => {
  let rest = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "").trim()
  if (rest === "") return undefined
  const out: Array<string> = []
  while (rest !== "") {
    const m = STATEMENT.exec(rest)
    if (m === null) return undefined
    const target = specifierOf(path.resolve(path.dirname(file), m[2]!))
    if (target === undefined) return undefined
    out.push(m[0].trim().replace(/;$/, "").replace(`${m[1]}${m[2]}${m[1]}`, JSON.stringify(target)))
    rest = rest.slice(m[0].length)
  }
  return out.join("\n") + "\n"
}

/** The barrels among `entries` (specifier -> absolute file) with their facades' source. */
export const barrelFacades = (entries: Readonly<Record<string, string>>): ReadonlyMap<string, string> => {
  const specifierOf = new Map<string, string>()
  for (const [specifier, file] of Object.entries(entries)) if (!specifierOf.has(file)) specifierOf.set(file, specifier)
  const facades = new Map<string, string>()
  for (const [specifier, file] of Object.entries(entries)) {
    const facade = barrelFacade(file, (f) => {
      const s = specifierOf.get(f)
      return s === specifier ? undefined : s
    })
    if (facade !== undefined) facades.set(specifier, facade)
  }
  return facades
}
