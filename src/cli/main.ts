// The `distill` entry point: the vendored dependencies from their bundle when one is built, then the command line.
import { startWithVendor } from "../vendor/start.ts"

await startWithVendor(() => import("./program.ts"))
