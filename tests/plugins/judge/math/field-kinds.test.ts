// Cases for each kind of answer the field's graders accept or reject, written from the benchmarks' own answer formats.
import { describe, expect, it } from "vitest"
import { JudgeError } from "../../../../src/plugins/index.ts"
import { gradeMath, type MathJudgeInput } from "../../../../plugins/judge/math/math-judge.ts"

type Expected = "correct" | "incorrect" | "unparseable"
type Case = readonly [pred: string, ref: string, expected: Expected, note: string, extra?: Partial<MathJudgeInput>]

const freeText: ReadonlyArray<Case> = [
  ["The shaded region has area $24$ square units.", "24", "correct", "last $...$ in a sentence"],
  ["Solving, we get \\(x = \\frac{3}{4}\\).", "\\frac{3}{4}", "correct", "\\(...\\) with x ="],
  ["Therefore\n\\[\n\\frac{\\sqrt{3}}{2}\n\\]", "\\frac{\\sqrt3}{2}", "correct", "display \\[...\\] on its own lines"],
  ["The circumference is $$2\\pi r = 6\\pi$$", "6\\pi", "correct", "$$...$$ with a chain of ="],
  ["First $a = 2$, then $b = 7$.", "7", "correct", "the last of several math spans"],
  ["First $a = 2$, then $b = 7$.", "2", "incorrect", "an earlier span is not the answer"],
  ["So the answer is $\\frac{1}{4}$ of the cake.", "0.25", "correct", "answer is $...$ then words"],
  ["Hence x = 12.", "12", "correct", "plain x = ... sentence"],
  ["So $n = 6$ is the smallest such integer.", "6", "correct", "n = ... inside a sentence"],
  ["The answer is $5$ apples.", "6", "incorrect", "answer is, wrong value"],
  ["We find that $3 + 4 = 7$.", "7", "correct", "right-hand side of the last equation"],
  ["We find that $3 + 4 = 7$.", "3", "incorrect", "left-hand side is not the answer"],
  ["The remainder is $\\boxed{}$ hmm, it is $r = 3$.", "3", "correct", "empty box falls through to the math span"],
  ["The roots are $x = 2$ and $x = -5$.", "-5, 2", "incorrect", "only the last span is read"],
  ["The value is \\(\\sqrt{2}\\), approximately 1.41.", "\\sqrt{2}", "incorrect", "a plain number after the last span is the answer"],
  ["We know $x = 3$. Then the total is 3 + 4 = 7.", "7", "correct", "working after the last span"],
  ["The largest value is $5$ (see step 2).", "5", "correct", "a number in parentheses after the span"],
  ["Answer: $\\dfrac{9}{2}$", "4.5", "correct", "Answer: with dfrac"],
  ["**Answer:** 42", "42", "correct", "markdown bold label"],
  ["After checking each case, I choose option D.", "D", "correct", "option named in a sentence"]
]

const solutionReferences: ReadonlyArray<Case> = [
  ["18", "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18", "correct", "GSM8K worked answer as the reference"],
  ["\\boxed{17}", "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18", "incorrect", "GSM8K reference, wrong prediction"],
  ["\\boxed{\\frac{14}{3}}", "We have $f(2) = \\frac{3(2) - 2}{2 - 2}$... no: using the other branch, $f(-2) = \\frac{14}{3}$, so the answer is $\\boxed{\\frac{14}{3}}$.", "correct", "MATH solution with a box as the reference"],
  ["The answer is 5", "Since $2x = 10$ we get $x = \\boxed{5}$, and $5 > 4$.", "correct", "box in the middle of a solution"],
  ["\\boxed{4}", "Since $2x = 10$ we get $x = \\boxed{5}$, and $5 > 4$.", "incorrect", "solution reference, other value"],
  ["$\\boxed{2}$", "Final Answer: The final answer is $2$. I hope it is correct.", "correct", "Minerva final-answer sentence as the reference"],
  ["\\boxed{8}", "For $x = 3$, \\[\\left\\{ \\begin{aligned} f(3) &= 8 \\end{aligned} \\right.\\] so the answer is $\\boxed{8}$.", "correct", "a solution with a set brace that never closes"],
  ["$\\boxed{3}$", "Final Answer: The final answer is $2$. I hope it is correct.", "incorrect", "Minerva reference, other value"],
  ["\\boxed{\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}}", "\\begin{pmatrix}\n1 \\\\\n2\n\\end{pmatrix}", "correct", "a bare answer over several lines is not a solution"]
]

const relations: ReadonlyArray<Case> = [
  ["\\boxed{x \\geq 5}", "x >= 5", "correct", "\\geq against >="],
  ["\\boxed{x \\ge 5}", "x \\geq 5", "correct", "\\ge against \\geq"],
  ["\\boxed{5 \\le x}", "x \\geq 5", "correct", "flipped inequality"],
  ["\\boxed{x > 5}", "x \\geq 5", "incorrect", "strict against non-strict"],
  ["\\boxed{x \\geq 6}", "x \\geq 5", "incorrect", "other bound"],
  ["\\boxed{y \\neq 3}", "y != 3", "correct", "\\neq against !="],
  ["\\boxed{y \\ne 3}", "y ≠ 3", "correct", "\\ne against the unicode sign"],
  ["\\boxed{y \\neq 4}", "y != 3", "incorrect", "other value excluded"],
  ["\\boxed{(5, \\infty)}", "x > 5", "correct", "interval for an inequality"],
  ["\\boxed{[5, \\infty)}", "x > 5", "incorrect", "closed end for a strict inequality"],
  ["\\boxed{-1 < x \\leq 2}", "(-1, 2]", "correct", "double inequality for an interval"],
  ["\\boxed{x \\le -2 \\text{ or } x \\ge 3}", "(-\\infty,-2] \\cup [3,\\infty)", "correct", "two rays for a union"],
  ["\\boxed{2x + 1 > 7}", "x > 3", "correct", "inequality scaled and shifted"],
  ["\\boxed{-x < -3}", "x > 3", "correct", "inequality times -1 flips"],
  ["\\boxed{\\{x \\mid x > 3\\}}", "(3, \\infty)", "correct", "set-builder notation"],
  ["\\boxed{x < 3}", "x > 3", "incorrect", "reversed inequality"],
  ["\\boxed{\\{3, 1, 2\\}}", "\\{1,2,3\\}", "correct", "set in another order"],
  ["\\boxed{\\{1, 2\\}}", "\\{1,2,3\\}", "incorrect", "set missing a member"],
  ["\\boxed{[2,5) \\cup (7, 9]}", "[2,5)\\cup(7,9]", "correct", "union of intervals"],
  ["\\boxed{[2,5] \\cup (7, 9]}", "[2,5)\\cup(7,9]", "incorrect", "union with one end changed"],
  ["\\boxed{(1, -2, 3)}", "(1,-2,3)", "correct", "tuple"],
  ["\\boxed{(1, 3, -2)}", "(1,-2,3)", "incorrect", "tuple in another order"],
  ["\\boxed{\\begin{bmatrix} 2 & 0 \\\\ 1 & 3 \\end{bmatrix}}", "\\begin{pmatrix} 2 & 0 \\\\ 1 & 3 \\end{pmatrix}", "correct", "bmatrix against pmatrix"],
  ["\\boxed{\\begin{pmatrix} 2 & 1 \\\\ 0 & 3 \\end{pmatrix}}", "\\begin{pmatrix} 2 & 0 \\\\ 1 & 3 \\end{pmatrix}", "incorrect", "transposed matrix"],
  ["\\boxed{\\pm 2}", "2, -2", "correct", "plus-minus without a centre"],
  ["\\boxed{\\mathbb{R}}", "(-\\infty, \\infty)", "correct", "the real line"],
  ["\\boxed{\\varnothing}", "\\emptyset", "correct", "empty set symbols"],
  ["\\boxed{\\begin{pmatrix} 0.5 \\\\ -1 \\end{pmatrix}}", "\\begin{pmatrix} \\frac{1}{2} \\\\ -1 \\end{pmatrix}", "correct", "vector with decimal entry"]
]

const numberFormats: ReadonlyArray<Case> = [
  ["\\boxed{1{,}000}", "1000", "correct", "LaTeX braced thousands comma"],
  ["\\boxed{1\\,000\\,000}", "1000000", "correct", "thin-space thousands"],
  ["The population is 25 000 people.", "25000", "correct", "space-separated thousands"],
  ["\\boxed{12,345.5}", "12345.5", "correct", "thousands with decimals"],
  ["\\boxed{3,5}", "3.5", "correct", "decimal comma against a decimal reference"],
  ["\\boxed{0,25}", "\\frac{1}{4}", "correct", "decimal comma against a fraction"],
  ["\\boxed{3,6}", "3.5", "incorrect", "decimal comma, other value"],
  ["\\boxed{2,5}", "5, 2", "correct", "a list stays a list when the reference is one"],
  ["\\boxed{25\\%}", "0.25", "correct", "percent against a fraction of one"],
  ["\\boxed{25 \\text{ percent}}", "25\\%", "correct", "percent as a word"],
  ["\\boxed{25}", "25\\%", "correct", "percent dropped"],
  ["\\boxed{2.5\\%}", "25\\%", "incorrect", "percent off by ten"],
  ["\\boxed{12\\text{ cm}}", "12", "correct", "LaTeX text unit"],
  ["\\boxed{12\\,\\mathrm{cm}^2}", "12", "correct", "mathrm unit squared after a thin space"],
  ["The rope is 12 meters long, so the answer is 12 meters.", "12", "correct", "unit word"],
  ["\\boxed{5 \\text{ km/h}}", "5", "correct", "compound unit"],
  ["The mass is 1000 g", "1000", "correct", "one-letter unit after the number (MathVista unit g)"],
  ["\\boxed{9 m/s}", "9", "correct", "plain compound unit"],
  ["\\boxed{\\$4.50}", "4.5", "correct", "escaped dollar amount"],
  ["\\boxed{4.50 dollars}", "\\$4.50", "correct", "dollar word against dollar sign"],
  ["\\boxed{13 \\text{ cm}}", "12 \\text{ cm}", "incorrect", "same unit, other value"],
  ["\\boxed{30^\\circ}", "30", "correct", "degree mark"],
  ["\\boxed{30°}", "30^{\\circ}", "correct", "unicode degree sign"],
  ["\\boxed{30 \\text{ degrees}}", "30^\\circ", "correct", "degrees as a word"],
  ["\\boxed{60^\\circ}", "30^\\circ", "incorrect", "other angle"],
  ["\\boxed{6.02 \\times 10^{23}}", "6.02e23", "correct", "scientific notation both ways"]
]

const assignments: ReadonlyArray<Case> = [
  ["\\boxed{4, 5}", "AB=4, CD=5", "correct", "values for a reference of assignments"],
  ["\\boxed{AB = 4, CD = 5}", "4, 5", "correct", "assignments for a reference of values"],
  ["\\boxed{4, 6}", "AB=4, CD=5", "incorrect", "one value wrong"],
  ["\\boxed{x_1 = 2, x_2 = -3}", "-3, 2", "correct", "indexed roots"],
  ["$x_1 = 2$ and $x_2 = -3$, so \\boxed{2} and \\boxed{-3}.", "2, -3", "correct", "several boxed answers"],
  ["\\boxed{2}, \\boxed{-3}", "-3,2", "correct", "two boxes, other order"],
  ["\\boxed{2}, \\boxed{3}", "-3,2", "incorrect", "two boxes, one wrong"],
  ["\\boxed{2}", "-3,2", "incorrect", "one box for two answers"],
  ["First $\\boxed{2}$, and with the other root the answer is \\boxed{2, -3}", "-3,2", "correct", "a last box that lists them all"],
  ["\\boxed{7:32}", "7:32", "correct", "ratio"],
  ["\\boxed{7 : 32}", "\\frac{7}{32}", "correct", "ratio for a fraction"],
  ["\\boxed{32:7}", "7:32", "incorrect", "inverted ratio"],
  ["\\boxed{\\textbf{(C)}}", "C", "correct", "bold option letter"],
  ["The correct option is \\text{(C)}.", "C", "correct", "option letter in text"],
  ["\\boxed{(C)\\ 27}", "\\text{(C)}", "correct", "letter followed by the option's value"],
  ["\\boxed{\\text{(D)}}", "C", "incorrect", "other letter"],
  ["B) 42", "B", "correct", "letter with a closing parenthesis and the option's value"],
  ["C. 42", "B", "incorrect", "other letter with a full stop"]
]

const tolerance: ReadonlyArray<Case> = [
  ["\\boxed{1450001}", "1450000", "incorrect", "integers differ by one in a million"],
  ["\\boxed{1450000}", "1,450,000", "correct", "same integer"],
  ["\\boxed{0}", "2.88e-19", "incorrect", "zero is not a tiny number"],
  ["\\boxed{2.88 \\times 10^{-19}}", "0", "incorrect", "a tiny number is not zero"],
  ["\\boxed{2.88 \\times 10^{-19}}", "2.88e-19", "correct", "tiny number written two ways"],
  ["\\boxed{0.333333}", "\\frac{1}{3}", "correct", "six decimal places of a fraction"],
  ["\\boxed{0.3333}", "\\frac{1}{3}", "incorrect", "four decimal places are an approximation"],
  ["\\boxed{1.414214}", "\\sqrt{2}", "correct", "six decimal places of a surd"],
  ["\\boxed{1.414}", "\\sqrt{2}", "incorrect", "three decimal places of a surd"],
  ["\\boxed{0.1 + 0.2}", "0.3", "correct", "float arithmetic is exact on decimals"],
  ["\\boxed{\\pi \\approx 3.14}", "\\pi", "correct", "exact value followed by its approximation"],
  ["\\boxed{x \\approx 3.14}", "3.14", "correct", "approximation asked for"],
  ["\\boxed{100000000000000001}", "100000000000000000", "incorrect", "beyond double precision, still exact"]
]

const shortAnswers: ReadonlyArray<Case> = [
  ["#### 18", "18", "correct", "GSM8K marker alone"],
  ["#### 17", "18", "incorrect", "GSM8K marker, wrong"],
  ["9*2=18", "18", "correct", "one equation"],
  ["9*2=18", "9", "incorrect", "left operand of the equation"],
  ["Total: 18", "18", "correct", "label and number"],
  ["so 18", "18", "correct", "so and number"],
  ["= 18", "18", "correct", "bare equals"],
  ["$18.00", "18", "correct", "dollar amount with cents"],
  ["**18**", "18", "correct", "markdown bold"],
  ["18 eggs", "18", "correct", "number and noun"],
  ["I think 18", "18", "correct", "a word before the number"],
  ["10\\text{ inches}^2", "10", "correct", "a bare number with a LaTeX unit"],
  ["16-3-4=9, 9*2=18", "18", "correct", "two equations on one line"]
]

const hedges: ReadonlyArray<Case> = [
  ["\\boxed{3 \\text{ or } 4}", "3", "incorrect", "two candidates for one answer"],
  ["The answer is 3 or 4.", "3", "incorrect", "hedged free-text answer"],
  ["A or B", "A", "incorrect", "two letters"],
  ["3 or 4", "3", "incorrect", "two bare candidates"],
  ["2 \\text{ and } 3", "2, 3", "correct", "and between the members of a bare list"],
  ["B or C", "quarter", "incorrect", "two letters with choices", { choices: ["half", "quarter", "o'clock"] }],
  ["\\boxed{B}", "quarter", "correct", "one letter with choices", { choices: ["half", "quarter", "o'clock"] }],
  ["\\boxed{x = 1 \\text{ or } x = 2}", "1, 2", "correct", "or between the members of a list answer"],
  ["It must be either 3 or 4.", "4", "incorrect", "hedge read by the last-number fallback"],
  ["The price is 3.50 or 4.", "4", "incorrect", "hedge with a decimal"]
]

const letters: ReadonlyArray<Case> = [
  ["(b)", "B", "incorrect", "(b) is not a letter without choices"],
  ["(B)", "B", "correct", "upper-case letter in parentheses"],
  ["(b)", "quarter", "correct", "(b) is option B when choices exist", { choices: ["half", "quarter", "o'clock"] }],
  ["\\boxed{b}", "B", "incorrect", "a variable b is not the option B"],
  ["\\boxed{b}", "b", "correct", "a variable b"]
]

const bareAnswers: ReadonlyArray<Case> = [
  ["\\begin{pmatrix} 1 & -2 \\\\ 0 & 3 \\end{pmatrix}", "\\begin{bmatrix} 1 & -2 \\\\ 0 & 3 \\end{bmatrix}", "correct", "a bare matrix longer than a short answer"],
  ["[[1, -2], [0, 3]]", "\\begin{pmatrix} 1 & -2 \\\\ 0 & 3 \\end{pmatrix}", "correct", "a matrix as nested lists"],
  ["\\{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12\\}", "\\{12,11,10,9,8,7,6,5,4,3,2,1\\}", "correct", "a long bare set"],
  ["−7", "-7", "correct", "unicode minus"],
  ["√3/2", "\\frac{\\sqrt{3}}{2}", "correct", "unicode root"],
  ["2π", "2\\pi", "correct", "unicode pi"],
  ["x² − 1", "(x-1)(x+1)", "correct", "unicode square"],
  ["2x + y = 3", "y = 3 - 2x", "correct", "an equation rearranged"],
  ["x = 1, y = 2", "(1, 2)", "correct", "a list of assignments for a tuple"],
  ["4!", "24", "correct", "a factorial is not an exclamation"],
  ["x\\in(-\\infty,3)", "(-\\infty, 3)", "correct", "x \\in without a space"]
]

const precision: ReadonlyArray<Case> = [
  ["\\boxed{1.23}", "1.2", "correct", "rounded to precision 1", { precision: 1 }],
  ["\\boxed{1.26}", "1.2", "incorrect", "rounds to 1.3 at precision 1", { precision: 1 }],
  ["\\boxed{1.23}", "1.2", "incorrect", "no precision: exact"],
  ["The value is about 0.214.", "0.21", "correct", "rounded to precision 2", { precision: 2 }],
  ["\\boxed{0.2}", "0.21", "incorrect", "too few digits at precision 2", { precision: 2 }]
]

const outcome = (c: Case): Expected | "bad-reference" => {
  const [pred, ref, , , extra] = c
  const v = gradeMath({ pred, ref, ...extra })
  return v instanceof JudgeError ? "bad-reference" : v.verdict
}

const tables: ReadonlyArray<readonly [string, ReadonlyArray<Case>]> = [
  ["free text without a box", freeText], ["references that are worked solutions", solutionReferences],
  ["relations, sets, intervals, tuples, matrices", relations], ["number formats", numberFormats],
  ["assignments, several boxes, ratios, option letters", assignments], ["numeric tolerance", tolerance],
  ["one-line short answers", shortAnswers], ["bare answers", bareAnswers], ["hedged answers", hedges], ["option letters", letters],
  ["MathVista precision", precision]
]

describe("math judge on each kind of answer", () => {
  for (const [name, cases] of tables) {
    describe(name, () => {
      it.each(cases.map((c) => [c[3], c] as const))("%s", (_note, c) => {
        expect(outcome(c)).toBe(c[2])
      })
    })
  }
})
