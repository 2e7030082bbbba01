// `distill run`'s plain arguments read without the parser: whatever the reader accepts, the parser reads the same way.
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Command from "effect/cli/Command"
import { describe, expect, it } from "vitest"
import { runParams } from "../../src/cli/commands/run.ts"
import type { RunArgs } from "../../src/cli/run-experiment.ts"
import { readRunArgv } from "../../src/cli/run-argv.ts"

/** The arguments effect/cli hands the run command for `argv`, or undefined when it does not run it. */
const parsed = async (argv: ReadonlyArray<string>): Promise<RunArgs | undefined> => {
  let got: RunArgs | undefined
  const command = Command.make("run", runParams, (args) => Effect.sync(() => { got = args }))
  const exit = await Effect.runPromiseExit(Command.runWith(command, { version: "test", renderErrors: false })(argv).pipe(
    Effect.provide(NodeServices.layer)))
  return Exit.isSuccess(exit) ? got : undefined
}

/** A small deterministic generator (mulberry32), so a failing list can be replayed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const FLAGS: ReadonlyArray<ReadonlyArray<string>> = [
  ["--wait"], ["--retry-dead"], ["--over-budget"], ["--jobs", "4"], ["--jobs=2"], ["-j", "3"], ["-j", "12"], ["--only", "generate/api"],
  ["--only=train/all/xs/sft/s1"], ["--only", "dataset/train"], ["--backend", "slurm"], ["--backend=local"], ["--site", "site.yaml"]
]
const ODD: ReadonlyArray<ReadonlyArray<string>> = [
  ["--jobs", "0"], ["--jobs", "x"], ["-j3"], ["--only", "-x"], ["--site="], ["--help"], ["-h"], ["--log-level", "debug"],
  ["--wait=true"], ["--unknown"], ["--"], ["-"], [""], ["second.yaml"]
]

/** A spec, up to five flags and sometimes one odd token, in a random order. */
const argvFrom = (next: () => number): Array<string> => {
  const parts: Array<ReadonlyArray<string>> = [["spec.yaml"]]
  for (let k = Math.floor(next() * 6); k > 0; k--) parts.push(FLAGS[Math.floor(next() * FLAGS.length)]!)
  if (next() < 0.25) parts.push(ODD[Math.floor(next() * ODD.length)]!)
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[parts[i], parts[j]] = [parts[j]!, parts[i]!]
  }
  return parts.flat()
}

describe("readRunArgv", () => {
  it("reads the plain forms, with the parser's defaults", async () => {
    const cases: ReadonlyArray<ReadonlyArray<string>> = [
      ["spec.yaml"],
      ["spec.yaml", "--only", "a", "--only=b", "-j", "3", "--wait"],
      ["--jobs=2", "spec.yaml", "--backend", "slurm", "--site=s.yaml", "--retry-dead", "--over-budget"]
    ]
    for (const argv of cases) {
      const read = readRunArgv(argv)
      expect(read, argv.join(" ")).toBeDefined()
      expect(read).toEqual(await parsed(argv))
    }
    expect(readRunArgv(["spec.yaml"])).toMatchObject({ spec: "spec.yaml", jobs: 1, only: [], wait: false, retryDead: false, overBudget: false })
  })

  it("leaves help, global and unknown flags, repeats, odd values and a missing or second spec to the parser", () => {
    for (const argv of [[], ["--help"], ["spec.yaml", "-h"], ["--log-level", "debug", "spec.yaml"], ["spec.yaml", "--unknown"],
      ["spec.yaml", "--wait", "--wait"], ["spec.yaml", "--jobs", "2", "-j", "3"], ["spec.yaml", "--jobs", "0"], ["spec.yaml", "-j4"],
      ["spec.yaml", "--only"], ["spec.yaml", "--only", "--wait"], ["spec.yaml", "--site="], ["spec.yaml", "--wait=true"],
      ["a.yaml", "b.yaml"], ["spec.yaml", "--"], ["--only", "x"], ["spec.yaml", ...Array.from({ length: 1001 }, (_, i) => `--only=n${i}`)]]) {
      expect(readRunArgv(argv), JSON.stringify(argv)).toBeUndefined()
    }
  })

  it("agrees with the parser on every argument list it accepts (300 generated lists)", async () => {
    const next = random(12)
    let accepted = 0
    for (let n = 0; n < 300; n++) {
      const argv = argvFrom(next)
      const read = readRunArgv(argv)
      if (read === undefined) continue
      accepted++
      expect(read, JSON.stringify(argv)).toEqual(await parsed(argv))
    }
    expect(accepted).toBeGreaterThan(100)
  }, 60_000)
})
