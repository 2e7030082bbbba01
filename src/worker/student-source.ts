// Opens a worker's student from its source: a trained student's directory (ONNX or HF), or a Hub model through the transformers worker.
import { openHfStudent } from "../students/hf-student.ts"
import { openAnyStudent, type EvalStudent } from "../students/open-any.ts"
import type { StudentSource } from "./job-file.ts"

export type { StudentSource } from "./job-file.ts"

/** Opens the student with `threads` intra-op threads (all cores when undefined); rejects with a message naming the source. */
export const openStudentSource = async (source: StudentSource, threads: number | undefined): Promise<EvalStudent> => {
  const options = threads === undefined ? {} : { threads }
  if ("dir" in source) {
    try {
      return await openAnyStudent(source.dir, options)
    } catch (e) {
      throw new Error(`cannot load the student in ${source.dir}: ${String(e)}`)
    }
  }
  try {
    const s = await openHfStudent({ model: source.model, ...(source.revision === null ? {} : { revision: source.revision }), family: source.family, size: source.size }, options)
    const m = s.manifest
    return { format: "hf", info: { family: m.family, size: m.size, params: m.params, commit: m.commit }, generate: s.generate, close: s.close }
  } catch (e) {
    throw new Error(`cannot load the base student ${source.model}: ${String(e)}`)
  }
}
