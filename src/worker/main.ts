// Entry point of a decode or sample job (`node src/worker/main.ts <job.json>`): the vendor bundle when built, then the job.
import { useVendorBundle } from "../vendor/use.ts"

useVendorBundle()
await import("./worker.ts")
