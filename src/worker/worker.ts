// A decode or sample job: runs it with no coordinator, events on stdout (started by main.ts).
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type { WorkerEvent } from "./events.ts"
import { readWorkerJob } from "./job-file.ts"
import { watchParent } from "./orphan.ts"
import { runWorkerJob } from "./run-job.ts"
import { threadsFrom } from "./threads.ts"

const emit = (e: WorkerEvent) => { process.stdout.write(JSON.stringify(e) + "\n") }

const file = process.argv[2]
if (file === undefined || process.argv.length > 3) {
  process.stderr.write("usage: node src/worker/main.ts <job.json>\n")
  process.exit(2)
}
watchParent()
const exit = await Effect.runPromiseExit(readWorkerJob(file).pipe(Effect.flatMap((job) => runWorkerJob(job, threadsFrom(process.env), emit))))
if (Exit.isFailure(exit)) {
  const failure = Cause.findErrorOption(exit.cause)
  const message = failure._tag === "Some" ? failure.value.message : Cause.pretty(exit.cause)
  emit({ event: "error", message })
  process.stderr.write(`${message}\n`)
  process.exit(1)
}
process.exit(0)
