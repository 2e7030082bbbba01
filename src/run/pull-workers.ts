// A fixed number of workers over a stream of items: each pulls the next item once it is done with its last.
import * as Effect from "effect/Effect"

/**
 * Runs `each` on the items of `items` (with each item's index), at most `concurrency` at once: one fiber per worker,
 * each pulling the next item only when it is free, so a generator is read once and never held whole (Effect.forEach
 * reads its input into an array first). Once `stopped()` holds no worker pulls another item; those in flight finish.
 */
export const pullWorkers = <A, R>(
  items: Iterator<A>,
  concurrency: number,
  each: (item: A, index: number) => Effect.Effect<void, never, R>,
  stopped: () => boolean = () => false
): Effect.Effect<void, never, R> => {
  let next = 0
  const worker: Effect.Effect<void, never, R> = Effect.suspend(() => {
    if (stopped()) return Effect.void
    const item = items.next()
    return item.done === true ? Effect.void : Effect.flatMap(each(item.value, next++), () => worker)
  })
  return Effect.all(Array.from({ length: Math.max(1, concurrency) }, () => worker), { concurrency: "unbounded", discard: true })
}
