// Whether a real Slurm answers here; tests that need one skip without it, unless DISTILL_REQUIRE_SLURM=1 (CI) says it must be there.
import { spawnSync } from "node:child_process"

const answers = (): boolean => {
  const r = spawnSync("sinfo", ["-h", "-o", "%T"], { encoding: "utf8", timeout: 15_000 })
  return r.status === 0 && /idle|mixed|allocated|completing/.test(r.stdout)
}

/** True when `sbatch` exists and the controller reports a usable node. */
export const hasSlurm: boolean = answers()

/** Why Slurm tests are skipped, for the describe title. */
export const slurmSkipReason = hasSlurm ? "" : " (skipped: no Slurm answers here; start one with `sudo bash scripts/slurm-up.sh`)"

if (!hasSlurm && process.env.DISTILL_REQUIRE_SLURM === "1") {
  throw new Error("DISTILL_REQUIRE_SLURM=1 but no Slurm answers (sinfo failed): run scripts/slurm-up.sh first")
}
