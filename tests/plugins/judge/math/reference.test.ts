// Tests of the answer a reference holds: bare answers unchanged, worked solutions reduced to their final answer.
import { describe, expect, it } from "vitest"
import { referenceAnswer } from "../../../../plugins/judge/math/reference.ts"

describe("referenceAnswer", () => {
  it("keeps a bare answer, even over several lines", () => {
    expect(referenceAnswer("\\frac{14}{3}")).toBe("\\frac{14}{3}")
    expect(referenceAnswer("\\text{(C)}")).toBe("\\text{(C)}")
    expect(referenceAnswer("\\begin{pmatrix}\n1 \\\\\n2\n\\end{pmatrix}")).toBe("\\begin{pmatrix}\n1 \\\\\n2\n\\end{pmatrix}")
  })
  it("takes the box of a MATH solution, and all boxes as a list", () => {
    expect(referenceAnswer("So $x = \\boxed{5}$ and we are done.")).toBe("5")
    expect(referenceAnswer("The roots are $\\boxed{2}$ and $\\boxed{-3}$.")).toBe("2, -3")
    expect(referenceAnswer("So $\\tan A = \\boxed{2}$. Also $\\frac{2\\cos A}{\\cos A} = \\boxed{2}$.")).toBe("2")
    expect(referenceAnswer("$d = \\boxed{15\\frac{39}{40}}$, or $\\boxed{\\frac{639}{40}}$ inches.")).toBe("15\\frac{39}{40}")
  })
  it("takes the number after #### of a GSM8K solution", () => {
    expect(referenceAnswer("She makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18")).toBe("18")
  })
  it("reads a final-answer sentence and a solution in prose", () => {
    expect(referenceAnswer("Final Answer: The final answer is $2$. I hope it is correct.")).toBe("2")
    expect(referenceAnswer("We add the two parts.\nThe total number of marbles is then 42.")).toBe("42")
  })
})
