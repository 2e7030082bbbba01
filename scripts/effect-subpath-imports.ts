// Rewrites imports of effect's barrels in src/ and plugins/ into one import per module (run: node scripts/effect-subpath-imports.ts).
// `import { Effect, type Scope } from "effect"` loads all ~280 files of effect's index; `import * as Effect from
// "effect/Effect"` loads only what Effect needs. Every name the barrels (`effect`, `effect/cli`) export is a module
// namespace, so the rewrite keeps the meaning. tests/cli/module-graph.test.ts fails while a barrel import is left.
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const BARREL_IMPORT = /^import (type )?\{([^}]*)\} from "(effect(?:\/cli)?)"\n/gm

const rewrite = (source: string): string =>
  source.replace(BARREL_IMPORT, (_m, allType: string | undefined, names: string, barrel: string) =>
    names.split(",").map((n) => n.trim()).filter((n) => n !== "").map((n) => {
      const isType = allType !== undefined || n.startsWith("type ")
      const name = n.replace(/^type\s+/, "")
      return `import ${isType ? "type " : ""}* as ${name} from "${barrel}/${name}"\n`
    }).join(""))

let changed = 0
for (const dir of ["src", "plugins"]) {
  for (const rel of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })) {
    if (!rel.endsWith(".ts")) continue
    const file = path.join(root, dir, rel)
    const before = fs.readFileSync(file, "utf8")
    const after = rewrite(before)
    if (after !== before) {
      fs.writeFileSync(file, after)
      changed += 1
    }
  }
}
console.log(`rewrote the effect imports of ${changed} file(s)`)
