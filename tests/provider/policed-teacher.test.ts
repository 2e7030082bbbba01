// policedTeacher: every call goes through the raw tier and the policy, even for a teacher that keeps its own deadline.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import type { TeacherRequest } from "../../src/plugins/index.ts"
import { Budget } from "../../src/provider/budget.ts"
import { type CallRecord, policedTeacher } from "../../src/provider/policed-teacher.ts"
import { RateLimits } from "../../src/provider/rate-limits.ts"
import { requestFor, scriptedTeacher } from "../support/providers/scripted-teacher.ts"

describe("policedTeacher", () => {
  it.effect("hides the inner generateWithin and serves a repeated request from the raw tier", () =>
    Effect.gen(function*() {
      const storeRoot = fs.mkdtempSync(path.join(os.tmpdir(), "policed-"))
      const t = scriptedTeacher(() => ({ kind: "ok" }))
      const limits: Array<number> = []
      const inner = { ...t.service, generateWithin: (request: TeacherRequest, timeoutMs: number) => {
        limits.push(timeoutMs)
        return t.service.generate(request)
      } }
      const records: Array<CallRecord> = []
      const services = yield* Effect.context<RateLimits | Budget>()
      const policed = policedTeacher(inner, { storeRoot, policy: { timeoutMs: 4_000 }, services, record: (r) => records.push(r), stop: () => {} })
      assert.isUndefined(policed.generateWithin)
      const first = yield* policed.generate(requestFor("p"))
      const again = yield* policed.generate(requestFor("p"))
      assert.strictEqual(first.text, "answer to p")
      assert.strictEqual(again.text, "answer to p")
      assert.deepStrictEqual(limits, [4_000])
      assert.deepStrictEqual(records.map((r) => [r.status, r.attempts]), [["ok", 1], ["cached", 0]])
      fs.rmSync(storeRoot, { recursive: true, force: true })
    }).pipe(Effect.provide(Layer.mergeAll(RateLimits.layer, Budget.layer({})))))
})
