// Reading a generateContent answer: thought parts (part.thought) become thoughts, the other text parts the text.
import type { GenerateContentResponse } from "@google/genai"
import { type Completion, TeacherError } from "../../../src/plugins/index.ts"

/** The completion in `response`; a prompt blocked by safety filters gives empty text and a `BLOCKED:` finish reason. */
export const toCompletion = (response: GenerateContentResponse): Completion | TeacherError => {
  if (response === null || typeof response !== "object") {
    return new TeacherError({ reason: "malformed", message: "google answer is not an object" })
  }
  const candidate = response.candidates?.[0]
  const usage = response.usageMetadata
  const thinkingTokens = usage?.thoughtsTokenCount
  const common = {
    usage: {
      inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
      outputTokens: (usage?.candidatesTokenCount ?? 0) + (thinkingTokens ?? 0),
      ...(typeof thinkingTokens === "number" ? { thinkingTokens } : {})
    },
    ...(typeof response.modelVersion === "string" ? { model: response.modelVersion } : {}),
    raw: response
  }
  if (candidate === undefined) {
    const blocked = response.promptFeedback?.blockReason
    if (blocked === undefined) return new TeacherError({ reason: "malformed", message: "google answer has no candidates" })
    return { text: "", finishReason: `BLOCKED:${blocked}`, ...common }
  }
  const parts = candidate.content?.parts ?? []
  const text = parts.flatMap((p) => (p.thought !== true && typeof p.text === "string" ? [p.text] : [])).join("")
  const thoughts = parts.flatMap((p) => (p.thought === true && typeof p.text === "string" ? [p.text] : [])).join("\n\n")
  return {
    text,
    ...(thoughts !== "" ? { thoughts } : {}),
    finishReason: candidate.finishReason ?? "unknown",
    ...common
  }
}
