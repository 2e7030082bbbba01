// Resource parsing and merging: Slurm's memory and time forms, and defaults < plugin < site kind < pattern < node id.
import { describe, expect, it } from "vitest"
import { formatResources, formatTime, parseMemoryMb, parseTimeMinutes, resolveResources } from "../../src/backends/resources.ts"

describe("resources", () => {
  it("reads memory and time as Slurm writes them", () => {
    expect(parseMemoryMb("16G")).toBe(16384)
    expect(parseMemoryMb("512M")).toBe(512)
    expect(parseMemoryMb("1.5g")).toBe(1536)
    expect(parseMemoryMb(300)).toBe(300)
    expect(parseMemoryMb("lots")).toBeUndefined()
    expect(parseTimeMinutes("02:00:00")).toBe(120)
    expect(parseTimeMinutes("1-12:00:00")).toBe(2160)
    expect(parseTimeMinutes("1-2")).toBe(1560)
    expect(parseTimeMinutes("30")).toBe(30)
    expect(parseTimeMinutes("10:30")).toBe(11)
    expect(parseTimeMinutes(45)).toBe(45)
    expect(parseTimeMinutes("soon")).toBeUndefined()
    expect(formatTime(2160)).toBe("1-12:00:00")
    expect(formatTime(61)).toBe("01:01:00")
  })

  it("layers the kind default, the plugin's declaration and the site's entries, most specific last", () => {
    const node = { id: "train/long/s/sft/s1", kind: "train" }
    expect(resolveResources(node)).toEqual({ cpus: 2, gpus: 0 })
    expect(resolveResources(node, { memoryMb: 2048 })).toEqual({ cpus: 2, gpus: 0, memoryMb: 2048 })
    const site = {
      "train/long/s/sft/s1": { time: 30 },
      "train/*/s/*": { gpus: 1, gpu_type: "a100" },
      train: { cpus: 8, memory: "32G", time: "04:00:00", partition: "gpu" }
    }
    expect(resolveResources(node, { memoryMb: 2048 }, site)).toEqual({
      cpus: 8, gpus: 1, gpuType: "a100", memoryMb: 32768, timeLimitMinutes: 30, partition: "gpu"
    })
    expect(resolveResources({ id: "train/long/xs/sft/s1", kind: "train" }, {}, site).gpus).toBe(0)
    expect(formatResources(resolveResources(node, {}, site))).toBe("8 cpus, 1 gpu (a100), mem 32G, time 00:30:00, partition gpu")
    expect(() => resolveResources(node, {}, { train: { memory: "lots" } })).toThrow(/unreadable memory 'lots'/)
  })
})
