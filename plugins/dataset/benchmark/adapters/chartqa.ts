// ChartQA adapter: `imgname`, `query`, `label`; answers are compared with relaxed (5%) numeric accuracy.
import * as path from "node:path"
import { imageFromPath } from "../../local/images.ts"
import { badReference, missing, scalarText, text, type BenchmarkAdapter } from "../adapter.ts"

export const chartqa: BenchmarkAdapter = {
  name: "chartqa",
  defaultFormat: "json",
  // the official layout keeps charts in a `png/` folder beside test_human.json
  defaultImageDir: (dataFile) => path.join(path.dirname(dataFile), "png"),
  toRow: (record, index, context) => {
    const question = text(record, "query")
    if (question === null) return missing("chartqa", index, "query")
    const reference = scalarText(record, "label")
    if (reference === null) return badReference("chartqa", index, "empty label")
    const imgname = text(record, "imgname")
    if (imgname === null) return missing("chartqa", index, "imgname")
    return {
      id: `chartqa-${index}`,
      question,
      reference,
      answerKind: "relaxed-number",
      image: imageFromPath(imgname, context.imageDir),
      meta: { imgname }
    }
  }
}
