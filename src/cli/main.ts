// The `distill` entry point: the vendored dependencies from their bundle when one is built, then the command line.
import { startWithVendor } from "../vendor/start.ts"

await startWithVendor(async () => {
  const run = process.argv[2] === "run" ? (await import("./run-argv.ts")).readRunArgv(process.argv.slice(3)) : undefined
  if (run === undefined) await import("./program.ts")
  else (await import("./run-main.ts")).runMain(run)
})
