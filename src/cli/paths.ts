// Where runs and the store live: ./runs of the working directory, or $DISTILL_RUNS.
import * as path from "node:path"

/** The runs directory (shared by every experiment of the checkout). */
export const runsDir = (): string => path.resolve(process.env.DISTILL_RUNS ?? "runs")

/** The content-addressed store inside the runs directory. */
export const storeRoot = (): string => path.join(runsDir(), "store")

/** The download cache plugins may use (Hub files, ...). */
export const cacheDir = (): string => path.join(runsDir(), "cache")
