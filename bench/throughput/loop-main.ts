// Child-process entry of a baseline loop: `loop-main.ts <http|fetch> <base url> <count> <concurrency>`.
import { type LoopKind, runLoop } from "./client.ts"

const [kind, base, count, concurrency] = process.argv.slice(2)
const ok = await runLoop(kind as LoopKind, base!, Number(count), Number(concurrency))
if (ok !== Number(count)) {
  console.error(`${kind} loop: ${ok} of ${count} requests answered`)
  process.exit(1)
}
