// Command-line flags of the benchmark scripts: `--name value` pairs and the sample sizes to run.

/** The value after `--name` on the command line, if given. */
export const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i < 0 ? undefined : process.argv[i + 1]
}

/** `--sizes a,b,...` (default `fallback`), with 100,000 added by `--100k`. */
export const sizesArg = (fallback = "1000,10000"): ReadonlyArray<number> =>
  (flag("--sizes") ?? fallback).split(",").map(Number).concat(process.argv.includes("--100k") ? [100_000] : [])
