// Runs one client as a child process under /usr/bin/time and measures it against the benchmark server.
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import type { BenchServer } from "./server.ts"

/** The figures of one run. */
export interface Figures {
  readonly wallMs: number
  /** First request arrival to the last answer written, at the server. */
  readonly spanMs: number
  /** Child start to the first request arrival. */
  readonly beforeFirstMs: number
  /** The child's user + sys CPU over the whole process, per request. */
  readonly cpuMsPerRequest: number
  /** The child's user + sys CPU between the first arrival and the last answer, per request. */
  readonly spanCpuMsPerRequest: number
  /**
   * The same per tenth of the answers (the first 10%, the next, ...): how CPU per request falls as the code warms up.
   * Each tenth is read from /proc in 10 ms ticks, so it is coarse for small runs; empty below 100 requests.
   */
  readonly spanCpuMsPerRequestByTenth: ReadonlyArray<number>
  /** Peak resident set of the child (GNU time's maximum RSS). */
  readonly peakRssMb: number
  readonly requests: number
}

const TICK_MS = 1_000 / 100

/** user + sys CPU of a live process in ms (from /proc/<pid>/stat), NaN when it cannot be read. */
const cpuOf = (pid: number | undefined): number => {
  if (pid === undefined) return Number.NaN
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return Number.NaN
  }
}

/** The child process of `pid` (the node process under /usr/bin/time). */
const childOf = (pid: number): number | undefined => {
  try {
    const first = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ")[0]
    return first === undefined || first === "" ? undefined : Number(first)
  } catch {
    return undefined
  }
}

/**
 * Runs `argv` (a node command line) under `/usr/bin/time`, expecting `expected` requests at `server`;
 * rejects when the child fails or the server saw another number of requests.
 */
export const measure = (server: BenchServer, argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv, expected: number): Promise<Figures> =>
  new Promise((resolve, reject) => {
    const timeFile = path.join(os.tmpdir(), `throughput-time-${process.pid}-${Date.now()}.txt`)
    server.reset()
    let nodePid: number | undefined
    let cpuAtFirst = Number.NaN
    let cpuAtLast = Number.NaN
    const tenth = expected >= 100 ? Math.floor(expected / 10) : 0
    const atTenths: Array<number> = []
    server.onEvent = (kind, count) => {
      if (kind === "first") {
        nodePid = childOf(child.pid!)
        cpuAtFirst = cpuOf(nodePid)
        return
      }
      if (tenth > 0 && count % tenth === 0 && count <= tenth * 10) atTenths.push(cpuOf(nodePid))
      if (count === expected) cpuAtLast = cpuOf(nodePid)
    }
    const start = performance.now()
    const child = spawn("/usr/bin/time", ["-f", "%U %S %M", "-o", timeFile, ...argv], { env, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (c: Buffer) => { stderr += c.toString("utf8") })
    child.on("error", reject)
    child.on("exit", (code) => {
      const wallMs = performance.now() - start
      server.onEvent = () => {}
      const w = server.window()
      const timed = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number) : []
      fs.rmSync(timeFile, { force: true })
      if (code !== 0 || w.requests !== expected || timed.length !== 3) {
        reject(new Error(`${argv.join(" ")}: exit ${code}, ${w.requests}/${expected} requests\n${stderr.slice(-2_000)}`))
        return
      }
      const [user, sys, maxKb] = timed as [number, number, number]
      resolve({
        wallMs,
        spanMs: w.lastAt - w.firstAt,
        beforeFirstMs: w.firstAt - start,
        cpuMsPerRequest: ((user + sys) * 1_000) / expected,
        spanCpuMsPerRequest: (cpuAtLast - cpuAtFirst) / expected,
        spanCpuMsPerRequestByTenth: atTenths.map((cpu, i) => (cpu - (i === 0 ? cpuAtFirst : atTenths[i - 1]!)) / tenth),
        peakRssMb: maxKb / 1024,
        requests: w.requests
      })
    })
  })
