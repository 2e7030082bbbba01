// The arguments of a plain `distill run`, read without loading the command-line parser; anything unusual is left to it.
//
// Why: the parser (effect/cli, with Schema under it) is about 60 ms of module loading and building at every start-up,
// and `run` is the command started most, by hand and from cron. This reader accepts only the forms the parser reads
// the same way (tests/cli/run-argv.test.ts runs both over the same argument lists); for `--help`, a global flag, an
// unknown or repeated flag, a missing or odd value, it returns undefined and the parser handles the command line,
// errors and help included.
import * as Option from "effect/Option"
import type { RunArgs } from "./run-experiment.ts"

const BOOLEANS = { "--wait": "wait", "--retry-dead": "retryDead", "--over-budget": "overBudget" } as const
const STRINGS = { "--backend": "backend", "--site": "site" } as const
/** The parser's limit on `--only` (Flag.atMost in commands/run.ts). */
const MAX_ONLY = 1000

/** `run`'s arguments (after the word `run`) when they are all in the plain forms; otherwise undefined. */
export const readRunArgv = (argv: ReadonlyArray<string>): RunArgs | undefined => {
  let spec: string | undefined
  let jobs: number | undefined
  const only: Array<string> = []
  const flags: { wait?: boolean; retryDead?: boolean; overBudget?: boolean } = {}
  const strings: { backend?: string; site?: string } = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1
    const name = eq > 0 ? arg.slice(0, eq) : arg
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined
    const value = (): string | undefined => {
      const v = inline ?? argv[++i]
      return v === undefined || v === "" || v.startsWith("-") ? undefined : v
    }
    if (name in BOOLEANS) {
      const key = BOOLEANS[name as keyof typeof BOOLEANS]
      if (inline !== undefined || flags[key] !== undefined) return undefined
      flags[key] = true
    } else if (name in STRINGS) {
      const key = STRINGS[name as keyof typeof STRINGS]
      const v = value()
      if (v === undefined || strings[key] !== undefined) return undefined
      strings[key] = v
    } else if (name === "--only") {
      const v = value()
      if (v === undefined || only.length === MAX_ONLY) return undefined
      only.push(v)
    } else if (name === "--jobs" || name === "-j") {
      const v = value()
      if (v === undefined || !/^[1-9]\d{0,5}$/.test(v) || jobs !== undefined) return undefined
      jobs = Number(v)
    } else if (!arg.startsWith("-") && arg !== "" && spec === undefined) {
      spec = arg
    } else {
      return undefined
    }
  }
  if (spec === undefined) return undefined
  return {
    spec, jobs: jobs ?? 1, only,
    wait: flags.wait ?? false, retryDead: flags.retryDead ?? false, overBudget: flags.overBudget ?? false,
    backend: Option.fromUndefinedOr(strings.backend), site: Option.fromUndefinedOr(strings.site)
  }
}
