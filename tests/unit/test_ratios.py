"""A ratio the book states names what its code divides (issue 20: a page said "the loop took
669 times as long as PyTorch's" where the code divided the MXNet loop by the numpy loop).

A ratio reaches the text in two ways, and both carry the names of its two sides:

- glued (``{glue:text}`loop_vs_vector_min```): the key of every glued quotient of two
  quantities is ``<numerator>_vs_<denominator>``, each side named by a word of what the code
  divides there that the other side lacks (``loop_curve[100].min / numpy_curve[100].min`` is
  ``loop_vs_numpy_at_100``); so the sentence that states it carries the names of both sides;
- printed in a sentence (an f-string with "times"): the quotient is a variable named so,
  never an expression written inline.

Not ratios of two quantities, and free: a quotient by or of a number (a unit, a half, a
reciprocal) and a share of a sum (``part / parts.sum()``).
"""

import ast
import re
from collections import Counter

import chapter_env
import chapters
import pytest
from test_typed_settings import _parse

pytestmark = chapter_env.needs_chapters
WRAPPERS = {"float", "int", "abs"}


def _tokens(node):
    """The words of an expression: its names, attributes and constants, as a multiset."""
    words = Counter()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            words.update(sub.id.lower().split("_"))
        elif isinstance(sub, ast.Attribute):
            words.update(sub.attr.lower().split("_"))
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, (int, float, str)):
            words.update(re.findall(r"[a-z0-9]+", str(sub.value).lower()))
    words.pop("", None)
    return words


def _is_quantity_ratio(node):
    """A quotient of two quantities (not by a number, not a share of a sum)."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)):
        return False
    named = [any(isinstance(n, (ast.Name, ast.Attribute)) for n in ast.walk(side))
             for side in (node.left, node.right)]
    right = node.right
    share = isinstance(right, ast.Call) and (
        getattr(right.func, "id", None) == "sum" or getattr(right.func, "attr", None) == "sum")
    return all(named) and not share


def name_problem(name, quotient):
    """Why ``name`` does not name the two sides of ``quotient`` (None when it does)."""
    if "_vs_" not in name:
        return f"{name} = {ast.unparse(quotient)}: name it <numerator>_vs_<denominator>"
    left, right = (set(side.split("_")) for side in name.split("_vs_", 1))
    top, bottom = _tokens(quotient.left), _tokens(quotient.right)
    # What tells the two sides apart; a side all of whose words the other has too
    # (mx_loop / loop) is named by any of its words.
    only_top, only_bottom = set(top - bottom) or set(top), set(bottom - top) or set(bottom)
    if not left & only_top or not right & only_bottom:
        return (f"{name} = {ast.unparse(quotient)}: the part before _vs_ must name the "
                f"numerator (one of {sorted(only_top)}), the part after the denominator "
                f"(one of {sorted(only_bottom)})")
    return None


def stated_ratios(sources):
    """[(name, quotient)] of the ratios that the code ``sources`` glue or print in a
    sentence; a quotient written inline in a sentence has the name None."""
    quotients, found = {}, []
    trees = [tree for tree in map(_parse, sources) if tree]
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and _is_quantity_ratio(node.value):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        quotients[target.id] = node.value

    def quotient(value):
        while (isinstance(value, ast.Call) and getattr(value.func, "id", None) in WRAPPERS
               and value.args):
            value = value.args[0]
        if isinstance(value, ast.Name):
            return quotients.get(value.id)
        return value if _is_quantity_ratio(value) else None

    for tree in trees:
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "glue"
                    and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant)):
                if (q := quotient(node.args[1])) is not None:
                    found.append((node.args[0].value, q))
            elif isinstance(node, ast.JoinedStr):
                words = " ".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if not re.search(r"\btimes\b", words):
                    continue
                for part in node.values:
                    if isinstance(part, ast.FormattedValue):
                        if isinstance(part.value, ast.Name) and part.value.id in quotients:
                            found.append((part.value.id, quotients[part.value.id]))
                        elif _is_quantity_ratio(part.value):
                            found.append((None, part.value))
    return found


def problems(sources):
    out = []
    for name, q in stated_ratios(sources):
        if name is None:
            out.append(f"{{{ast.unparse(q)}}} in a sentence: name the ratio first "
                       "(<numerator>_vs_<denominator>)")
        elif (why := name_problem(name, q)) is not None:
            out.append(why)
    return out


@pytest.mark.parametrize("path", chapter_env.notebooks(), ids=lambda p: p.stem)
def test_every_stated_ratio_names_what_the_code_divides(path):
    sources = [c.source for c in chapters.read(path).cells if c.cell_type == "code"]
    assert problems(sources) == []


# The rule itself, on the kind of slip it is for.
@pytest.mark.parametrize("code, bad", [
    # The slip of issue 20: the sentence said PyTorch, the code divided by the numpy loop.
    ('s = f"took {mx_loop / loop:.0f} times as long as PyTorch"', True),
    ('mx_loop_vs_loop = mx_loop / loop\ns = f"took {mx_loop_vs_loop:.0f} times as long"',
     False),
    ('loop_vs_mx_loop = mx_loop / loop\ns = f"took {loop_vs_mx_loop:.0f} times as long"',
     True),
    ('torch_vs_loop = mx_loop / loop\ns = f"took {torch_vs_loop:.0f} times as long"', True),
    ('glue("ratio_once", loop_once / vector_once)', True),
    ('glue("loop_vs_vector_once", loop_once / vector_once)', False),
    ('glue("vector_vs_loop_once", loop_once / vector_once)', True),  # upside down
    ('r = loop.min / vector.min\nglue("loop_vs_vector_min", r)', False),
    ('r = loop.min / vector.min\nglue("loop_vs_vector_min", float(r))', False),
    ('r = loop.min / vector.min\nglue("speedup", r)', True),
    ('glue("loop_vs_numpy_at_100", loop_curve[100].min / numpy_curve[100].min)', False),
    ('glue("numpy_1000_vs_100", numpy_curve[1000].min / numpy_curve[100].min)', False),
    ('glue("numpy_vs_100", numpy_curve[1000].min / numpy_curve[100].min)', True),
    # Free: by a number, a share of a sum, a sentence without "times".
    ('glue("gb", bandwidth / 1e9)', False),
    ('glue("lr_half", trainer.learning_rate / 2)', False),
    ('glue("share", losses[-1] / losses.sum())', False),
    ('print(f"loop / vector: {t_loop.min / t_vec.min:.0f}")', False),
])
def test_the_rule_finds_a_ratio_named_for_something_else(code, bad):
    assert bool(problems([code])) == bad, problems([code])
