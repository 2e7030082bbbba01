// A bundler plugin deferring vendored modules' top-level `new Intl.Segmenter(...)` to its first use.
//
// Why: effect/cli's CliOutput builds a grapheme segmenter when its module loads, for measuring help text. Loading
// ICU's break-iterator data for it took about 10 ms of every command's start-up, `run` and `validate` included, which
// print no help. The replacement builds the same segmenter on the first `segment()` call; nothing else changes.
import type { Plugin } from "rolldown"

const TOP_LEVEL_SEGMENTER = /^const ([\w$]+) = (?:\/\*#__PURE__\*\/\s*)?new Intl\.Segmenter\(([^;]*?)\);$/gm

/** `source` with every top-level `const x = new Intl.Segmenter(...)` built on first use; unchanged when it has none. */
export const deferSegmenters = (source: string): string =>
  source.replace(TOP_LEVEL_SEGMENTER, (_, name: string, args: string) =>
    `let ${name}$built;\nconst ${name} = {\n  segment: (input) => (${name}$built ??= new Intl.Segmenter(${args})).segment(input),\n` +
    `  resolvedOptions: () => (${name}$built ??= new Intl.Segmenter(${args})).resolvedOptions()\n};`)

/** The plugin: applies `deferSegmenters` to the modules of node_modules that construct one. */
export const lazySegmenterPlugin: Plugin = {
  name: "distill-lazy-segmenter",
  transform: (code, id) => (id.includes("node_modules") && code.includes("new Intl.Segmenter(") ? deferSegmenters(code) : null)
}
