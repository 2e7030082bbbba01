# Grades answer/reference pairs with Hugging Face's Math-Verify: JSON-lines batches on stdin, one reply line each on stdout.
import json
import logging
import re
import sys

PROTOCOL = 1


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


try:
    from math_verify import ExprExtractionConfig, LatexExtractionConfig, StringExtractionConfig, parse, verify
    from importlib.metadata import version as _version

    MATH_VERIFY_VERSION = _version("math-verify")
except Exception as e:  # an interpreter without math_verify (or a broken install)
    reply({"ready": False, "error": f"{type(e).__name__}: {e}", "python": sys.executable})
    sys.exit(3)

logging.getLogger("math_verify").setLevel(logging.ERROR)

LETTERS = tuple(chr(65 + i) for i in range(26))
DEFAULT_TARGETS = [LatexExtractionConfig(), ExprExtractionConfig()]


def as_math(text):
    """A bare reference ("\\frac{1}{2}") is LaTeX without delimiters: wrap it so the LaTeX extractor sees it."""
    if "\\boxed" in text or "$" in text or "\\(" in text or "\\[" in text:
        return text
    return "$" + text + "$"


def parse_gold(ref, options):
    parsed = parse(as_math(ref), DEFAULT_TARGETS, parsing_timeout=options["timeout"])
    if not parsed:
        parsed = parse(ref, DEFAULT_TARGETS, parsing_timeout=options["timeout"])
    return parsed


ANSWER_TAG = re.compile(r"<answer>(.*?)</answer>", re.S)
PROSE = re.compile(r"[A-Za-z]{3,}")


def parse_pred(pred, options):
    """Math-Verify's parse; when it finds nothing, the last <answer> tag's content, then a one-line text without prose as bare LaTeX."""
    parsed = parse(pred, DEFAULT_TARGETS, parsing_timeout=options["timeout"])
    if parsed:
        return parsed
    tags = ANSWER_TAG.findall(pred)
    if tags:
        parsed = parse(tags[-1], DEFAULT_TARGETS, parsing_timeout=options["timeout"]) or parse(as_math(tags[-1].strip()), DEFAULT_TARGETS, parsing_timeout=options["timeout"])
        if parsed:
            return parsed
    if "\n" not in pred.strip() and not PROSE.search(re.sub(r"\\[A-Za-z]+", " ", pred)):
        return parse(as_math(pred.strip()), DEFAULT_TARGETS, parsing_timeout=options["timeout"])
    return parsed


def grade(item, options):
    pred = str(item.get("pred", ""))
    ref = str(item.get("ref", ""))
    choices = item.get("choices") or []
    if choices:
        letters = LETTERS[: len(choices)]
        targets = [StringExtractionConfig(strings=letters), *DEFAULT_TARGETS]
        gold_letter = None
        if ref in choices:
            gold_letter = letters[choices.index(ref)]
        elif ref.strip().strip("()").upper() in letters:
            gold_letter = ref.strip().strip("()").upper()
        if gold_letter is not None:
            gold = parse(gold_letter, [StringExtractionConfig(strings=letters)], parsing_timeout=options["timeout"])
            predicted = parse(pred, targets, parsing_timeout=options["timeout"])
            if predicted and verify(gold, predicted, timeout_seconds=options["timeout"]):
                return result(True, gold, predicted)
            # An answer that writes out the option's text instead of its letter.
            text_gold = parse_gold(choices[letters.index(gold_letter)], options)
            text_pred = parse_pred(pred, options)
            if not predicted and not text_pred:
                return {"status": "unparseable", "gold": strings(gold), "pred": []}
            ok = bool(text_gold and text_pred and verify(text_gold, text_pred, float_rounding=options["float_rounding"], timeout_seconds=options["timeout"]))
            return result(ok, gold, predicted or text_pred)
    gold = parse_gold(ref, options)
    if not gold:
        return {"status": "bad-reference", "gold": [], "pred": []}
    predicted = parse_pred(pred, options)
    if not predicted:
        return {"status": "unparseable", "gold": strings(gold), "pred": []}
    ok = verify(gold, predicted, float_rounding=options["float_rounding"], timeout_seconds=options["timeout"])
    return result(ok, gold, predicted)


def strings(values):
    return [str(v) for v in values]


def result(ok, gold, predicted):
    return {"status": "correct" if ok else "incorrect", "gold": strings(gold), "pred": strings(predicted)}


def safe_grade(item, options):
    try:
        return grade(item, options)
    except BaseException as e:  # Math-Verify raises TimeoutException, which is not an Exception
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        return {"status": "error", "error": f"{type(e).__name__}: {e}", "gold": [], "pred": []}


def main():
    reply({"ready": True, "protocol": PROTOCOL, "math_verify": MATH_VERIFY_VERSION, "python": sys.executable})
    for line in sys.stdin:
        if line.strip() == "":
            continue
        try:
            request = json.loads(line)
        except json.JSONDecodeError as e:
            reply({"id": None, "error": f"request is not JSON: {e}"})
            continue
        options = {
            "timeout": int(request.get("timeout_seconds", 5)),
            "float_rounding": int(request.get("float_rounding", 6)),
        }
        reply({"id": request.get("id"), "results": [safe_grade(item, options) for item in request.get("items", [])]})


if __name__ == "__main__":
    main()
