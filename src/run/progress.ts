// Per-node progress: live bars on a terminal, periodic plain lines otherwise.
import { createRequire } from "node:module"
import type cliProgress from "cli-progress"
import type { Progress } from "../steps/step.ts"

export type { Progress } from "../steps/step.ts"

/** Creates progress handles and renders them. */
export interface ProgressBoard {
  readonly node: (id: string) => Progress
  readonly finish: (id: string, status: string) => void
  readonly stop: () => void
}

const fmtEta = (s: number) => (Number.isFinite(s) ? (s >= 60 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${Math.round(s)}s`) : "?")

/** Terminal bars (done/total, rate, ETA) via cli-progress (loaded only for a terminal). */
const terminalBoard = (): ProgressBoard => {
  const progressLib = createRequire(import.meta.url)("cli-progress") as typeof cliProgress
  const multi = new progressLib.MultiBar({
    format: " {bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted} | {id} {note}",
    hideCursor: true, clearOnComplete: false, stopOnComplete: false, etaBuffer: 50
  }, progressLib.Presets.shades_grey)
  const bars = new Map<string, { bar: cliProgress.SingleBar; start: number; done: number }>()
  const payload = (id: string, note = "") => {
    const b = bars.get(id)
    const rate = b === undefined ? 0 : b.done / Math.max(1e-3, (Date.now() - b.start) / 1000)
    return { id, note, rate: rate.toFixed(1) }
  }
  return {
    node: (id) => ({
      total: (n) => {
        const bar = multi.create(n, 0, payload(id))
        bars.set(id, { bar, start: Date.now(), done: 0 })
      },
      advance: (n = 1) => {
        const b = bars.get(id)
        if (b === undefined) return
        b.done += n
        b.bar.increment(n, payload(id))
      },
      note: (text) => bars.get(id)?.bar.update(payload(id, text))
    }),
    finish: (id, status) => {
      const b = bars.get(id)
      if (b !== undefined) b.bar.update(payload(id, status))
    },
    stop: () => multi.stop()
  }
}

/** Plain lines, at most one per node every `everyMs`, for CI logs. */
const lineBoard = (write: (line: string) => void, everyMs: number): ProgressBoard => {
  const state = new Map<string, { total: number; done: number; start: number; last: number; note: string }>()
  const line = (id: string) => {
    const s = state.get(id)!
    const secs = (Date.now() - s.start) / 1000
    const rate = s.done / Math.max(1e-3, secs)
    const eta = rate > 0 ? (s.total - s.done) / rate : Infinity
    write(`[progress] ${id}: ${s.done}/${s.total} (${rate.toFixed(1)}/s, ETA ${fmtEta(eta)})${s.note ? ` ${s.note}` : ""}`)
    s.last = Date.now()
  }
  return {
    node: (id) => ({
      total: (n) => state.set(id, { total: n, done: 0, start: Date.now(), last: Date.now(), note: "" }) && undefined,
      advance: (n = 1) => {
        const s = state.get(id)
        if (s === undefined) return
        s.done += n
        if (Date.now() - s.last >= everyMs) line(id)
      },
      note: (text) => {
        const s = state.get(id)
        if (s !== undefined) s.note = text
      }
    }),
    finish: (id, status) => {
      const s = state.get(id)
      if (s !== undefined && s.total > 0) write(`[progress] ${id}: ${s.done}/${s.total} ${status}`)
    },
    stop: () => undefined
  }
}

/** Bars when stderr is a terminal, plain lines (every 10 s per node) otherwise. */
export const makeProgressBoard = (opts: { readonly tty?: boolean; readonly write?: (line: string) => void; readonly everyMs?: number } = {}): ProgressBoard =>
  (opts.tty ?? process.stderr.isTTY === true)
    ? terminalBoard()
    : lineBoard(opts.write ?? ((l) => process.stderr.write(l + "\n")), opts.everyMs ?? 10_000)
