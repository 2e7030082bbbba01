// The `distill` entry point: the vendored dependencies from their bundle when one is built, then the command line.
import { useVendorBundle } from "../vendor/use.ts"

useVendorBundle()
await import("./program.ts")
