// The command line of a decode or sample worker for a job file; the same line runs as a local child or a Slurm job.
import { fileURLToPath } from "node:url"

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url))

/** `node src/worker/main.ts <jobFile>` with this process's Node. */
export const workerCommand = (jobFile: string): { readonly command: string; readonly args: ReadonlyArray<string> } => ({
  command: process.execPath,
  args: ["--disable-warning=ExperimentalWarning", MAIN, jobFile]
})
