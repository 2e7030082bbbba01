// Tests for choosing a split's files from a Hub repository listing.
import { describe, expect, it } from "vitest"
import { isSplitFile, selectSplitFiles } from "../../../../plugins/dataset/hf-hub/split-files.ts"

describe("selectSplitFiles", () => {
  it("recognises the usual split file layouts", () => {
    expect(isSplitFile("data/train-00000-of-00002.parquet", "train")).toBe(true)
    expect(isSplitFile("test.jsonl", "test")).toBe(true)
    expect(isSplitFile("default/test/0000.parquet", "test")).toBe(true)
    expect(isSplitFile("data/training-00000.parquet", "train")).toBe(false)
    expect(isSplitFile("data/test-00000.parquet", "train")).toBe(false)
  })

  it("prefers parquet, sorts shards and ignores non-data files", () => {
    const files = ["README.md", "data/train-00001-of-00002.parquet", "train.jsonl", "data/train-00000-of-00002.parquet", "data/test-00000-of-00001.parquet"]
    expect(selectSplitFiles(files, "train")).toEqual(["data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet"])
    expect(selectSplitFiles(["README.md", "train.jsonl"], "train")).toEqual(["train.jsonl"])
    expect(selectSplitFiles(files, "validation")).toEqual([])
  })

  it("restricts to a config folder", () => {
    const files = ["main/test-00000-of-00001.parquet", "socratic/test-00000-of-00001.parquet"]
    expect(selectSplitFiles(files, "test", "main")).toEqual(["main/test-00000-of-00001.parquet"])
    expect(selectSplitFiles(files, "test", "other")).toEqual([])
  })
})
