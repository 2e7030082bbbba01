// Building a generateContent request: user parts with inline image data, system instruction, thinking config.
import type { GenerateContentConfig, GenerateContentParameters, Part } from "@google/genai"
import type { TeacherRequest } from "../../../src/plugins/index.ts"
import type { InlineImage } from "../../../src/provider/index.ts"
import type { GoogleConfig } from "./config.ts"

/** The `models.generateContent` parameters for `request`; `extra` adds per-call options (abort signal, fetch). */
export const generateParams = (
  config: GoogleConfig,
  request: TeacherRequest,
  images: ReadonlyArray<InlineImage>,
  extra: GenerateContentConfig = {}
): GenerateContentParameters => {
  const { sampling } = request
  const parts: Array<Part> = [
    ...images.map((image): Part => ({ inlineData: { mimeType: image.mediaType, data: image.base64 } })),
    { text: request.prompt }
  ]
  const thinking = config.include_thoughts || config.thinking_budget !== undefined
  return {
    model: config.model,
    contents: [{ role: "user", parts }],
    config: {
      ...extra,
      temperature: sampling.temperature,
      maxOutputTokens: sampling.maxTokens,
      ...(sampling.topP !== undefined ? { topP: sampling.topP } : {}),
      ...(sampling.stop !== undefined && sampling.stop.length > 0 ? { stopSequences: [...sampling.stop] } : {}),
      ...(request.system !== undefined && request.system !== "" ? { systemInstruction: request.system } : {}),
      ...(thinking
        ? {
          thinkingConfig: {
            includeThoughts: config.include_thoughts,
            ...(config.thinking_budget !== undefined ? { thinkingBudget: config.thinking_budget } : {})
          }
        }
        : {})
    }
  }
}
