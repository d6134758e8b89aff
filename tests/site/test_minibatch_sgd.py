"""The built minibatch SGD page: its size and the static explorer's widget state.

The explorer must work with no kernel: the page embeds every precomputed picture and the
``jslink`` s between the sliders and the stacks in its widget state.  The numbers the page
states are glued from its cells, which assert the claims around them (a false claim fails
the build): they are not recomputed here.
"""

import base64
import json
import re

import pytest
from bs4 import BeautifulSoup

PAGE = "book/minibatch_sgd"
GRID = (7, 5)  # learning rates x batch sizes
MAX_BYTES = 1_500_000


@pytest.fixture(scope="module")
def html(html_root):
    return (html_root / f"{PAGE}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def text(html):
    main = BeautifulSoup(html, "html.parser").find("main")
    for tag in main.find_all(["script", "style"]):
        tag.decompose()
    # Inline elements (glued numbers, math) are joined with a space; punctuation hugs back.
    return re.sub(r" ([,.;:)])", r"\1", " ".join(main.get_text(" ").split()))


@pytest.fixture(scope="module")
def state(html):
    blocks = re.findall(
        r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, "the page must embed exactly one widget state"
    return json.loads(blocks[0])["state"]


@pytest.fixture(scope="module")
def explorer(html, state):
    """The displayed widget tree: (box, learning-rate slider, batch slider, outer stack)."""
    views = re.findall(r'<script type="application/vnd.jupyter.widget-view\+json">(.*?)</script>',
                       html, re.S)
    assert len(views) == 1, "only the static explorer may be displayed (no dead live controls)"
    box = state[json.loads(views[0])["model_id"]]
    assert box["model_name"] == "VBoxModel"
    lr_slider, batch_slider, outer = (_ref(state, c) for c in box["state"]["children"])
    return box, lr_slider, batch_slider, outer


def _ref(state, ref):
    assert ref.startswith("IPY_MODEL_")
    return {"id": ref[len("IPY_MODEL_"):], **state[ref[len("IPY_MODEL_"):]]}


def test_page_is_under_the_size_limit(html_root):
    size = (html_root / f"{PAGE}.html").stat().st_size
    assert size < MAX_BYTES, f"{PAGE}.html is {size / 1e6:.2f} MB, the limit is 1.5 MB"


def test_state_holds_every_precomputed_picture(state):
    found = {}
    for model in state.values():
        if model["model_name"] != "ImageModel":
            continue
        for cls in model["state"].get("_dom_classes", []):
            match = re.fullmatch(r"lnn-grid-(\d+)-(\d+)", cls)
            if match:
                found[int(match[1]), int(match[2])] = model
    assert set(found) == {(i, j) for i in range(GRID[0]) for j in range(GRID[1])}
    for model in found.values():
        (buffer,) = [b for b in model["buffers"] if b["path"] == ["value"]]
        assert base64.b64decode(buffer["data"]).startswith(b"\x89PNG")
    pictures = {b["data"] for m in found.values() for b in m["buffers"]}
    assert len(pictures) == GRID[0] * GRID[1], "every grid point has its own picture"


def test_sliders_come_first_in_order_with_mathjax_labels(explorer):
    _, lr_slider, batch_slider, _ = explorer
    assert lr_slider["model_name"] == batch_slider["model_name"] == "SelectionSliderModel"
    assert r"\(\eta\)" in lr_slider["state"]["description"]
    assert "$" not in lr_slider["state"]["description"]
    assert "batch size" in batch_slider["state"]["description"]
    assert len(lr_slider["state"]["_options_labels"]) == GRID[0]
    assert len(batch_slider["state"]["_options_labels"]) == GRID[1]


def test_nested_stacks_show_the_grid_in_order(state, explorer):
    _, lr_slider, batch_slider, outer = explorer
    assert outer["model_name"] == "StackModel"
    assert outer["state"]["selected_index"] == lr_slider["state"]["index"]
    inner = [_ref(state, c) for c in outer["state"]["children"]]
    assert len(inner) == GRID[0]
    for i, stack in enumerate(inner):
        assert stack["model_name"] == "StackModel"
        assert stack["state"]["selected_index"] == batch_slider["state"]["index"]
        images = [_ref(state, c) for c in stack["state"]["children"]]
        # The first class places the picture; the others describe it for its alt text.
        assert [im["state"]["_dom_classes"][0] for im in images] == [
            f"lnn-grid-{i}-{j}" for j in range(GRID[1])]


def test_jslinks_drive_the_outer_and_every_inner_stack(state, explorer):
    _, lr_slider, batch_slider, outer = explorer
    links = {(m["state"]["source"][0], m["state"]["source"][1],
              m["state"]["target"][0], m["state"]["target"][1])
             for m in state.values() if m["model_name"] == "LinkModel"}
    expected = {(f"IPY_MODEL_{lr_slider['id']}", "index", f"IPY_MODEL_{outer['id']}",
                 "selected_index")}
    expected |= {(f"IPY_MODEL_{batch_slider['id']}", "index", ref, "selected_index")
                 for ref in outer["state"]["children"]}
    assert expected <= links
    assert len(expected) == 1 + GRID[0]


def test_live_version_is_not_shown_and_its_state_stays_small(text, state, explorer):
    # The live explorer ran at build time, so its models are in the state, but no view of it
    # is on the page (the explorer fixture checks there is one view only) and its share of the
    # state is small: everything not reachable from the static explorer or its links.
    assert not re.search(r"moves: median \d+ ms", text), "live timings leak into the page"
    reachable = set()
    todo = [m_id for m_id, m in state.items() if m is explorer[0]]
    while todo:
        model_id = todo.pop()
        if model_id not in reachable:
            reachable.add(model_id)
            todo += re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[model_id]))
    reachable |= {m_id for m_id, m in state.items() if m["model_name"] == "LinkModel"}
    rest = sum(len(json.dumps(m)) for m_id, m in state.items() if m_id not in reachable)
    assert rest < 50_000, f"{rest} bytes of widget state outside the static explorer"
