// Entry point of a decode or sample job (`node src/worker/main.ts <job.json>`): the vendor bundle when built, then the job.
import { startWithVendor } from "../vendor/start.ts"

await startWithVendor(() => import("./worker.ts"))
