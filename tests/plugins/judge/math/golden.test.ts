// Golden cases for the math judge, written from the real answer formats of GSM8K, MATH-500, AIME24, AMC23, OlympiadBench, MathVista and ChartQA.
import { describe, expect, it } from "vitest"
import { JudgeError, type AnswerKind } from "../../../../src/plugins/index.ts"
import { gradeMath } from "../../../../plugins/judge/math/math-judge.ts"

type Expected = "correct" | "incorrect" | "unparseable" | "bad-reference"
interface Hints {
  readonly choices?: ReadonlyArray<string>
  readonly kind?: AnswerKind
}
type Case = readonly [pred: string, ref: string, expected: Expected, note: string, hints?: Hints]

const gsm8k: ReadonlyArray<Case> = [
  ["Janet sells 16 - 3 - 4 = 9 duck eggs a day.\nShe makes 9 * 2 = $18 every day.\n#### 18", "18", "correct", "#### line, last number"],
  ["She makes 9 * 2 = $18 every day at the market.", "18", "correct", "dollar sign before the last number"],
  ["So he made a profit of $70,000.", "70000", "correct", "thousands separator"],
  ["The answer is 70,000 dollars.", "70000", "correct", "answer-is with a unit word"],
  ["He runs 9*60 = 540 meters a week.", "540", "correct", "last number in a sentence"],
  ["The answer is 18.", "18", "correct", "answer-is with full stop"],
  ["The answer is 17.", "18", "incorrect", "wrong number"],
  ["18.00", "18", "correct", "trailing .00"],
  ["She needs $5 more, so the answer is $5.", "5", "correct", "answer-is with dollar"],
  ["Natalia sold 48 + 24 = 72 clips.", "72", "correct", "equation then result"],
  ["Natalia sold 48/2 = 24 clips in May.", "72", "incorrect", "last number is an intermediate result"],
  ["It takes 2/2=1 bolt of white fiber, 3 bolts in total", "3", "correct", "last number after a fraction"],
  ["The total is -5 degrees.", "-5", "correct", "negative number"],
  ["The total is 5 degrees.", "-5", "incorrect", "sign matters"],
  ["Weng earned $10.", "10", "correct", "dollar amount"],
  ["Weng earned 0.2 x 50 = $10.00.", "10", "correct", "decimal dollars"],
  ["I cannot solve this problem without more information about it.", "18", "unparseable", "no number at all"],
  ["", "18", "unparseable", "empty prediction"],
  ["1,000", "1000", "correct", "bare number with separator"],
  ["The answer is 1,000,000.", "1000000", "correct", "millions"]
]

const math500: ReadonlyArray<Case> = [
  ["Therefore the polar coordinates are $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}.$", "\\left( 3, \\frac{\\pi}{2} \\right)", "correct", "tuple with \\left( \\right)"],
  ["$\\boxed{(3, \\pi/2)}$", "\\left( 3, \\frac{\\pi}{2} \\right)", "correct", "tuple, slash fraction of pi"],
  ["$\\boxed{(3, \\frac{\\pi}{3})}$", "\\left( 3, \\frac{\\pi}{2} \\right)", "incorrect", "tuple, wrong angle"],
  ["$\\boxed{(\\frac{\\pi}{2}, 3)}$", "\\left( 3, \\frac{\\pi}{2} \\right)", "incorrect", "tuple order matters"],
  ["\\boxed{\\dfrac{14}{3}}", "\\frac{14}{3}", "correct", "dfrac"],
  ["\\boxed{14/3}", "\\frac{14}{3}", "correct", "slash fraction"],
  ["\\boxed{4.6667}", "\\frac{14}{3}", "incorrect", "rounded decimal is not exact"],
  ["\\boxed{\\text{Evelyn}}", "\\text{Evelyn}", "correct", "text answer"],
  ["\\boxed{evelyn}", "\\text{Evelyn}", "correct", "text answer, case"],
  ["\\boxed{\\text{Bob}}", "\\text{Evelyn}", "incorrect", "other name"],
  ["\\boxed{90}", "90^\\circ", "correct", "degrees dropped"],
  ["\\boxed{90^{\\circ}}", "90^\\circ", "correct", "braced degree mark"],
  ["\\boxed{45^\\circ}", "90^\\circ", "incorrect", "other angle"],
  ["\\boxed{3\\sqrt{13}}", "3\\sqrt{13}", "correct", "same surd"],
  ["\\boxed{\\sqrt{117}}", "3\\sqrt{13}", "correct", "unsimplified surd"],
  ["\\boxed{3\\sqrt{12}}", "3\\sqrt{13}", "incorrect", "other surd"],
  ["\\boxed{0.0536}", "\\frac{3}{56}", "incorrect", "approximation of a fraction"],
  ["\\boxed{\\sqrt 5}", "\\sqrt{5}", "correct", "sqrt without braces"],
  ["\\boxed{6-5i}", "6 - 5i", "correct", "complex number"],
  ["\\boxed{6+5i}", "6 - 5i", "incorrect", "complex conjugate"],
  ["\\boxed{\\pi}", "\\pi", "correct", "pi"],
  ["\\boxed{3.14}", "\\pi", "incorrect", "pi approximation"],
  ["\\boxed{5}", "x=5", "correct", "reference with x ="],
  ["\\boxed{x = 5}", "x=5", "correct", "both with x ="],
  ["\\boxed{x=6}", "x=5", "incorrect", "other value"],
  ["\\boxed{-2, 1}", "1,-2", "correct", "multiple answers in another order"],
  ["\\boxed{1}", "1,-2", "incorrect", "one of two answers"],
  ["\\boxed{1, -2, 3}", "1,-2", "incorrect", "extra answer"],
  ["\\boxed{7, 5, 3}", "3, 5, 7", "correct", "list in another order"],
  ["\\boxed{52_{8}}", "52_8", "correct", "base subscript in braces"],
  ["\\boxed{42}", "52_8", "incorrect", "base-8 answer given in base 10"],
  ["\\boxed{4210_5}", "4210_{5}", "correct", "base 5"],
  ["\\boxed{11\\sqrt{2}}", "11\\sqrt2", "correct", "sqrt2 shorthand in reference"],
  ["\\boxed{0.3888}", "\\frac{243}{625}", "correct", "terminating decimal of the fraction"],
  ["\\boxed{\\frac54}", "1.25", "correct", "frac shorthand vs decimal"],
  ["\\boxed{5/4}", "1.25", "correct", "slash vs decimal"],
  ["\\boxed{x^5-x^4+x^3-x^2+x-1}", "x^5 - x^4 + x^3 - x^2 + x - 1", "correct", "polynomial without spaces"],
  ["\\boxed{(x-1)(x^4+x^2+1)}", "x^5 - x^4 + x^3 - x^2 + x - 1", "correct", "factored polynomial"],
  ["\\boxed{x^5 + x^4 + x^3 - x^2 + x - 1}", "x^5 - x^4 + x^3 - x^2 + x - 1", "incorrect", "one sign differs"],
  ["\\boxed{-\\pi/6}", "-\\frac{\\pi}{6}", "correct", "negative pi fraction"],
  ["\\boxed{\\frac{\\pi}{6}}", "-\\frac{\\pi}{6}", "incorrect", "sign of pi fraction"],
  ["\\boxed{\\frac{3}{20}}", "0.15", "correct", "fraction vs decimal"],
  ["\\boxed{15\\%}", "0.15", "correct", "percent vs fraction of one"],
  ["\\boxed{15}", "0.15", "incorrect", "no percent sign: 15 is not 0.15"],
  ["\\boxed{.15}", "0.15", "correct", "leading decimal point"],
  ["\\boxed{(6, 31, -1)}", "(6,31,-1)", "correct", "triple with spaces"],
  ["\\boxed{(31,6,-1)}", "(6,31,-1)", "incorrect", "triple order"],
  ["\\boxed{\\frac{3}{4}\\sqrt{3}}", "\\frac{3\\sqrt{3}}{4}", "correct", "surd outside the fraction"],
  ["\\boxed{\\frac{\\cos x}{\\sin x}}", "\\cot x", "correct", "trig identity by sampling"],
  ["\\boxed{\\tan x}", "\\cot x", "incorrect", "other trig function"],
  ["\\boxed{1+\\sqrt{19}, 1-\\sqrt{19}}", "1 \\pm \\sqrt{19}", "correct", "plus-minus expanded"],
  ["\\boxed{1 \\pm \\sqrt{19}}", "1 \\pm \\sqrt{19}", "correct", "plus-minus"],
  ["\\boxed{1+\\sqrt{19}}", "1 \\pm \\sqrt{19}", "incorrect", "half of plus-minus"],
  ["\\boxed{East}", "\\text{east}", "correct", "direction word"],
  ["\\boxed{west}", "\\text{east}", "incorrect", "other direction"],
  ["\\boxed{2(k+1)}", "2k+2", "correct", "factored linear expression"],
  ["\\boxed{2k+1}", "2k+2", "incorrect", "other linear expression"],
  ["\\boxed{\\begin{pmatrix} -\\frac{1}{3} \\\\ \\frac{2}{3} \\\\ \\frac{5}{3} \\end{pmatrix}}", "\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}", "correct", "vector entries as fracs"],
  ["\\boxed{\\begin{pmatrix} 1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}}", "\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}", "incorrect", "vector sign"],
  ["\\boxed{(-1/3, 2/3, 5/3)}", "\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}", "correct", "vector as a tuple"],
  ["\\boxed{\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}}", "\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}", "correct", "matrix"],
  ["\\boxed{\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}}", "\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}", "incorrect", "other matrix"],
  ["\\boxed{(b+2)(a+5)}", "(a+5)(b+2)", "correct", "factors swapped"],
  ["\\boxed{ab+2a+5b+10}", "(a+5)(b+2)", "correct", "expanded product"],
  ["\\boxed{(3,4]}", "(3,4]", "correct", "half-open interval"],
  ["\\boxed{(3,4)}", "(3,4]", "incorrect", "open vs half-open"],
  ["\\boxed{[3,4]}", "(3,4]", "incorrect", "closed vs half-open"],
  ["\\boxed{\\frac{4}{3}}", "\\frac43", "correct", "frac43 shorthand in reference"],
  ["\\boxed{C}", "\\text{(C)}", "correct", "letter vs (C)"],
  ["\\boxed{\\text{(C)}}", "\\text{(C)}", "correct", "same choice"],
  ["\\boxed{(D)}", "\\text{(C)}", "incorrect", "other letter"],
  ["\\boxed{10080}", "10,\\!080", "correct", "thousands with \\!"],
  ["\\boxed{10,080}", "10,\\!080", "correct", "thousands comma"],
  ["\\boxed{11111111100}", "11,\\! 111,\\! 111,\\! 100", "correct", "long thousands"],
  ["\\boxed{32348}", "\\$32,\\!348", "correct", "dollar thousands"],
  ["\\boxed{\\$18.9}", "\\$18.90", "correct", "dollars with trailing zero"],
  ["\\boxed{864}", "864 \\mbox{ inches}^2", "correct", "mbox unit squared"],
  ["\\boxed{864 \\text{ square inches}}", "864 \\mbox{ inches}^2", "correct", "both with units"],
  ["\\boxed{5.4}", "5.4 \\text{ cents}", "correct", "text unit"],
  ["\\boxed{\\frac{9}{5}}", "1\\frac{4}{5}", "correct", "mixed number vs improper fraction"],
  ["\\boxed{1.8}", "1\\frac{4}{5}", "correct", "mixed number vs decimal"],
  ["\\boxed{\\frac{4}{5}}", "1\\frac{4}{5}", "incorrect", "fractional part only"],
  ["\\boxed{137.5}", "137 \\frac{1}{2}", "correct", "mixed number with space"],
  ["\\boxed{\\frac{270}{7}}", "\\frac{270}7\\text{ degrees}", "correct", "degrees as text unit"],
  ["\\boxed{0.0000672}", ".0000672", "correct", "small decimal"],
  ["\\boxed{6.72 \\times 10^{-5}}", ".0000672", "correct", "scientific notation"],
  ["\\boxed{0.000672}", ".0000672", "incorrect", "off by ten"],
  ["\\boxed{-5x+7y-11z-4=0}", "5x - 7y + 11z + 4 = 0", "correct", "plane equation times -1"],
  ["\\boxed{5x-7y+11z-4=0}", "5x - 7y + 11z + 4 = 0", "incorrect", "other plane"],
  ["\\boxed{(2, \\infty)}", "(2,\\infty)", "correct", "unbounded interval"],
  ["\\boxed{(-\\infty,0]}", "(-\\infty, 0]", "correct", "unbounded half-open"],
  ["\\boxed{(9,36) \\cup (0,9)}", "(0,9) \\cup (9,36)", "correct", "union in another order"],
  ["\\boxed{(0,36)}", "(0,9) \\cup (9,36)", "incorrect", "union is not the hull"],
  ["\\boxed{[-2,7]}", "x \\in [-2,7]", "correct", "x \\in prefix"],
  ["\\boxed{(0.6, 8/3]}", "\\left(\\frac{3}{5},\\frac{8}{3}\\right]", "correct", "interval ends as decimals"],
  ["\\boxed{2x+3}", "y = 2x + 3", "correct", "line without y ="],
  ["\\boxed{-2, 1+\\sqrt{5}, 1-\\sqrt{5}}", "\\{1\\pm\\sqrt{5},-2\\}", "correct", "set with plus-minus"],
  ["\\boxed{\\left[ \\frac{\\pi^2}{8}, \\frac{5 \\pi^2}{4} \\right]}", "\\left[ \\frac{\\pi^2}{8}, \\frac{5 \\pi^2}{4} \\right]", "correct", "closed interval of pi squares"],
  ["\\boxed{2(3r^2-2r-12)}", "6r^2-4r-24", "correct", "factored quadratic"],
  ["\\boxed{\\frac{9a+11}{20}}", "\\frac{11+9a}{20}", "correct", "commuted numerator"],
  ["\\boxed{odd}", "\\text{even}", "incorrect", "parity word"],
  ["\\boxed{15}", "15\\mbox{ cm}^2", "correct", "area unit"],
  ["\\boxed{\\frac{1}{\\sqrt{2}}}", "\\frac{\\sqrt{2}}{2}", "correct", "nested braces in the box"]
]

const aime: ReadonlyArray<Case> = [
  ["Final Answer: \\boxed{25}", "025", "correct", "leading zeros in reference"],
  ["\\boxed{025}", "025", "correct", "same string"],
  ["\\boxed{25.0}", "025", "correct", "float prediction"],
  ["\\boxed{52}", "025", "incorrect", "digits swapped"],
  ["So the answer is 73.", "073", "correct", "answer-is and leading zero"],
  ["$\\boxed{33}$ is the number of ways", "033", "correct", "box in the middle of a sentence"],
  ["\\boxed{80}", "080", "correct", "leading zero, trailing zero"],
  ["\\boxed{8}", "080", "incorrect", "lost trailing zero"],
  ["\\boxed{204}", "204", "correct", "plain"],
  ["\\framebox{204} minutes", "204", "correct", "framebox as in AIME solutions"]
]

const amc: ReadonlyArray<Case> = [
  ["\\boxed{27}", "27.0", "correct", "float reference"],
  ["\\boxed{27.0}", "27.0", "correct", "float both"],
  ["\\boxed{27.5}", "27.0", "incorrect", "other float"],
  ["Final Answer: \\boxed{36}", "36.0", "correct", "final answer line"],
  ["\\boxed{3,159}", "3159.0", "correct", "separator vs float"],
  ["\\boxed{45^\\circ}", "45.0", "correct", "degrees vs float"],
  ["\\boxed{\\frac{54}{2}}", "27.0", "correct", "unreduced fraction"],
  ["\\boxed{26}", "27.0", "incorrect", "off by one"]
]

const olympiad: ReadonlyArray<Case> = [
  ["\\boxed{1003}", "$1003$", "correct", "dollar-wrapped reference"],
  ["\\boxed{\\frac{4}{9}}", "$\\frac{4}{9}$", "correct", "fraction"],
  ["\\boxed{8\\%}", "$8 \\%$", "correct", "percent both"],
  ["\\boxed{8}", "$8 \\%$", "correct", "percent in reference only"],
  ["\\boxed{0.08}", "$8 \\%$", "correct", "percent as a fraction of one"],
  ["\\boxed{80}", "$8 \\%$", "incorrect", "wrong percent"],
  ["\\boxed{4\\pi^2-1}", "$4 \\pi^{2}-1$", "correct", "pi squared"],
  ["\\boxed{-\\sqrt{3}+2}", "$2-\\sqrt{3}$", "correct", "commuted"],
  ["\\boxed{\\sqrt[3]{500}}", "$5 \\sqrt[3]{4}$", "correct", "cube root"],
  ["\\boxed{\\frac{5\\pi\\sqrt{17}}{4}}", "$\\frac{5 \\pi}{4} \\sqrt{17}$", "correct", "pi times surd"],
  ["\\boxed{\\frac{15-8\\sqrt{3}}{33}}", "$\\frac{15-8 \\sqrt{3}}{33}$", "correct", "surd fraction"],
  ["\\boxed{\\frac{15+8\\sqrt{3}}{33}}", "$\\frac{15-8 \\sqrt{3}}{33}$", "incorrect", "surd sign"],
  ["\\boxed{3n}", "$3 n$", "correct", "expression with space"],
  ["\\boxed{n+2n}", "$3 n$", "correct", "unsimplified expression"],
  ["\\boxed{2^{N-2}+1}", "$M=2^{N-2}+1$", "correct", "reference with M ="],
  ["\\boxed{M = 2^{N-2} + 1}", "$M=2^{N-2}+1$", "correct", "both with M ="],
  ["\\boxed{2^{N-1}+1}", "$M=2^{N-2}+1$", "incorrect", "other exponent"],
  ["\\boxed{\\frac{n(n+1)}{4}}", "$\\frac{1}{4} n(n+1)$", "correct", "rearranged"],
  ["\\boxed{\\frac{ab}{2}}", "$\\frac{a b}{2}$", "correct", "product spacing"],
  ["\\boxed{\\frac{d!}{2k(d-k)!}}", "$\\frac{d !}{2 k(d-k) !}$", "correct", "factorials"],
  ["\\boxed{f(x)=x+1, f(x)=-1}", "$f(x)=-1$,$f(x)=x+1$", "correct", "multiple functions, other order"],
  ["\\boxed{f(x)=x+1}", "$f(x)=-1$,$f(x)=x+1$", "incorrect", "one of two functions"],
  ["\\boxed{(3,4,3),(2,2,2)}", "$(2,2,2),(3,4,3)$", "correct", "multiple tuples, other order"],
  ["\\boxed{(2,2,2)}", "$(2,2,2),(3,4,3)$", "incorrect", "one of two tuples"],
  ["\\boxed{-1, 0, 1, 2, 10, 11, 12, 13, 14, -2}", "10,11,12,13,14,-2,-1,0,1,2", "correct", "ten answers reordered"],
  ["\\boxed{0, -3}", "-3,0", "correct", "two answers reordered"],
  ["\\boxed{\\frac{1}{2}, \\frac{32}{9}}", "$\\frac{32}{9}$,$\\frac{1}{2}$", "correct", "fractions reordered"],
  ["\\boxed{100, 0.01}", "$100,\\frac{1}{100}$", "correct", "decimal vs fraction in a list"],
  ["\\boxed{(-\\infty, -5)}", "(-\\infty,-5)", "correct", "interval"],
  ["\\boxed{[-1, -0.5]}", "$[-1,-\\frac{1}{2}]$", "correct", "interval with decimal end"],
  ["\\boxed{(-1, -\\frac{1}{2})}", "$[-1,-\\frac{1}{2}]$", "incorrect", "open vs closed interval"],
  ["\\boxed{2n+1}", "$2n$", "incorrect", "other expression"]
]

const mathvista: ReadonlyArray<Case> = [
  ["(C) 145°", "145°", "correct", "letter with text", { choices: ["135°", "140°", "145°", "150°"] }],
  ["C", "145°", "correct", "bare letter", { choices: ["135°", "140°", "145°", "150°"] }],
  ["B", "145°", "incorrect", "other letter", { choices: ["135°", "140°", "145°", "150°"] }],
  ["\\boxed{145}", "145°", "correct", "option text without degree sign", { choices: ["135°", "140°", "145°", "150°"] }],
  ["The answer is B.", "Common water flea", "correct", "answer-is letter", { choices: ["Tilapia", "Common water flea", "Great diving beetle", "Tadpole"] }],
  ["Common water flea", "Common water flea", "correct", "option text", { choices: ["Tilapia", "Common water flea", "Great diving beetle", "Tadpole"] }],
  ["Answer: D", "Common water flea", "incorrect", "wrong letter", { choices: ["Tilapia", "Common water flea", "Great diving beetle", "Tadpole"] }],
  ["\\boxed{A}", "6cm", "correct", "boxed letter", { choices: ["6cm", "7cm", "4cm", "5cm"] }],
  ["\\boxed{6 cm}", "6cm", "correct", "option text with a space", { choices: ["6cm", "7cm", "4cm", "5cm"] }],
  ["\\boxed{7cm}", "6cm", "incorrect", "other option text", { choices: ["6cm", "7cm", "4cm", "5cm"] }],
  ["E", "E", "correct", "options that are letters", { choices: ["A", "B", "C", "D", "E"] }],
  ["Yes", "Yes", "correct", "yes/no option", { choices: ["Yes", "No"] }],
  ["A", "Yes", "correct", "letter of yes", { choices: ["Yes", "No"] }],
  ["no", "Yes", "incorrect", "lower-case no", { choices: ["Yes", "No"] }],
  ["\\boxed{B}", "quarter", "correct", "clock options", { choices: ["half", "quarter", "o'clock", "quarter to", "quarter past"] }],
  ["(b)", "quarter", "correct", "lower-case letter in parentheses", { choices: ["half", "quarter", "o'clock", "quarter to", "quarter past"] }],
  ["\\boxed{C}", "8.5", "correct", "numeric options by letter", { choices: ["7.5", "8", "8.5", "17"] }],
  ["\\boxed{8}", "8.5", "incorrect", "other numeric option", { choices: ["7.5", "8", "8.5", "17"] }],
  ["Thoughts:\nThe angle is 70 degrees.\nAnswer:\n70", "70°", "correct", "pali_reason format", { choices: ["60°", "70°", "80°", "85°"] }],
  ["\\boxed{4πcm}", "4πcm", "correct", "pi symbol option", { choices: ["2πcm", "3πcm", "4πcm", "5πcm"] }],
  ["\\boxed{(b)}", "(b)", "correct", "options that look like letters, shuffled", { choices: ["(c)", "(a)", "(e)", "(d)", "(b)"] }],
  ["\\boxed{E}", "(b)", "correct", "letter of a shuffled letter-like option", { choices: ["(c)", "(a)", "(e)", "(d)", "(b)"] }],
  ["\\boxed{(a)}", "(b)", "incorrect", "other letter-like option", { choices: ["(c)", "(a)", "(e)", "(d)", "(b)"] }],
  ["The correct option is (E).", "(b)", "correct", "upper-case letter of a letter-like option", { choices: ["(c)", "(a)", "(e)", "(d)", "(b)"] }],
  ["\\boxed{1.2}", "1.2", "correct", "free-form float"],
  ["Answer: 1000", "1000", "correct", "free-form integer with unit g"],
  ["11 years", "11", "correct", "free-form with a unit word"],
  ["\\boxed{12}", "11", "incorrect", "free-form wrong"]
]

const chartqa: ReadonlyArray<Case> = [
  ["<think>\nCount the bars.\n</think>\n\n<answer>\n14\n</answer>", "14", "correct", "answer tag", { kind: "relaxed-number" }],
  ["<answer>0.56</answer>", "0.57", "correct", "within 5%", { kind: "relaxed-number" }],
  ["<answer>0.5</answer>", "0.57", "incorrect", "beyond 5%", { kind: "relaxed-number" }],
  ["<answer>62%</answer>", "62", "correct", "percent sign", { kind: "relaxed-number" }],
  ["<answer>65</answer>", "62", "correct", "4.8% off", { kind: "relaxed-number" }],
  ["<answer>66</answer>", "62", "incorrect", "6.5% off", { kind: "relaxed-number" }],
  ["<answer>yes</answer>", "Yes", "correct", "yes case-insensitive", { kind: "relaxed-number" }],
  ["<answer>No</answer>", "Yes", "incorrect", "no vs yes", { kind: "relaxed-number" }],
  ["<answer>italy</answer>", "Italy", "correct", "country name", { kind: "relaxed-number" }],
  ["<answer>Mexico</answer>", "Italy", "incorrect", "other country", { kind: "relaxed-number" }],
  ["<answer>2009, 2008</answer>", "[2008, 2009]", "correct", "list label", { kind: "relaxed-number" }],
  ["<answer>2008</answer>", "[2008, 2009]", "incorrect", "list label, one element", { kind: "relaxed-number" }],
  ["<answer>Italy</answer>", "[Italy, Mexico]", "incorrect", "text list label, one element", { kind: "relaxed-number" }],
  ["<answer>[Mexico, Italy]</answer>", "[Italy, Mexico]", "correct", "text list label, other order", { kind: "relaxed-number" }],
  ["<answer>0</answer>", "0", "correct", "zero exactly", { kind: "relaxed-number" }],
  ["<answer>0.01</answer>", "0", "incorrect", "zero has no tolerance", { kind: "relaxed-number" }],
  ["<answer>977,633</answer>", "977633", "correct", "thousands separator", { kind: "relaxed-number" }],
  ["<answer>Gray</answer>", "gray", "correct", "colour", { kind: "relaxed-number" }],
  ["<answer>Democrat (scores 60 to 100)</answer>", "Democrat (scores 60 to 100)", "correct", "long text label", { kind: "relaxed-number" }],
  ["<answer>1.18</answer>", "1.179861111", "correct", "rounded long decimal", { kind: "relaxed-number" }]
]

const extraction: ReadonlyArray<Case> = [
  ["so it is \\boxed 5$ done", "5", "correct", "\\boxed space form cut at $"],
  ["\\fbox{12}", "12", "correct", "fbox"],
  ["first \\boxed{3} then \\boxed{4}", "4", "correct", "last box wins"],
  ["first \\boxed{3} then \\boxed{4}", "3", "incorrect", "earlier box ignored"],
  ["Final Answer: 42", "42", "correct", "final answer line"],
  ["Final Answer: The final answer is $42$. I hope it is correct.", "42", "correct", "Minerva final answer sentence"],
  ["<answer>42</answer>", "42", "correct", "answer tag"],
  ["the answer is 42", "42", "correct", "answer-is"],
  ["\\boxed{seven}", "7", "correct", "number word"],
  ["The answer is twenty-one.", "21", "correct", "hyphenated number word"],
  ["seven", "8", "incorrect", "number word, wrong"],
  ["Yes", "yes", "correct", "yes"],
  ["\\boxed{No}", "Yes", "incorrect", "no vs yes"],
  ["I have no idea how to approach this geometry problem at all.", "5", "unparseable", "no answer in a sentence"],
  ["   ", "5", "unparseable", "blank prediction"],
  ["\\boxed{2}", "1,-2", "incorrect", "one of two roots"],
  ["\\boxed{50}", "0.5", "incorrect", "no percent sign on either side"],
  ["\\boxed{(1,2)}", "[1,2]", "incorrect", "open vs closed"],
  ["\\boxed{x+1}", "x+2", "incorrect", "expressions differ"],
  ["\\boxed{\\frac{1}{2}}", "\\frac{1}{3}", "incorrect", "fractions differ"],
  ["\\boxed{1000}", "100", "incorrect", "magnitude"],
  ["\\boxed{1.000}", "1", "correct", "trailing .000"],
  ["\\boxed{10}", "1.0", "incorrect", "not a trailing zero"],
  ["\\boxed{-18}", "18", "incorrect", "sign"],
  ["\\boxed{\\sqrt{2}}", "2", "incorrect", "sqrt"],
  ["\\boxed{5}", "", "bad-reference", "empty reference"],
  ["\\boxed{5}", "   ", "bad-reference", "blank reference"],
  ["\\boxed{5}", "None", "bad-reference", "placeholder reference"],
  ["\\boxed{5}", "\\frac{1}{2", "bad-reference", "unbalanced reference"],
  ["\\boxed{5}", "$$", "bad-reference", "reference with nothing inside"],
  ["\\boxed{}", "", "bad-reference", "bad reference wins over an empty box"]
]

const outcome = (c: Case): Expected => {
  const [pred, ref, , , hints] = c
  const v = gradeMath({ pred, ref, ...(hints?.choices ? { choices: hints.choices } : {}), ...(hints?.kind ? { answerKind: hints.kind } : {}) })
  return v instanceof JudgeError ? "bad-reference" : v.verdict
}

const tables: ReadonlyArray<readonly [string, ReadonlyArray<Case>]> = [
  ["GSM8K", gsm8k], ["MATH-500", math500], ["AIME24", aime], ["AMC23", amc], ["OlympiadBench", olympiad],
  ["MathVista", mathvista], ["ChartQA", chartqa], ["extraction and traps", extraction]
]

describe("math judge golden cases", () => {
  for (const [name, cases] of tables) {
    describe(name, () => {
      it.each(cases.map((c) => [c[3], c] as const))("%s", (_note, c) => {
        expect(outcome(c)).toBe(c[2])
      })
    })
  }

  it("has at least 150 cases, with negatives and unparseables", () => {
    const all = tables.flatMap(([, cases]) => cases)
    expect(all.length).toBeGreaterThanOrEqual(150)
    expect(all.filter((c) => c[2] === "incorrect").length).toBeGreaterThanOrEqual(40)
    expect(all.filter((c) => c[2] === "unparseable").length).toBeGreaterThanOrEqual(3)
  })
})
