"""All implementations of 3.2-3.3 end at the same parameters (the parity cell's claim).

Same float32 data, same initial parameters, same minibatch order: the numpy core, MXNet and
PyTorch from scratch, Gluon and torch.nn must agree to float32 rounding (<= 1e-5).  Where
MXNet has a wheel (Linux x86_64) it must run: no skip there.
"""

import numpy as np
import pytest

import lnn
from lnn import parity

pytest.importorskip("torch")
from mxnet_env import WITH_MXNET, needs_mxnet  # noqa: E402


@pytest.fixture(scope="module")
def result():
    return parity.train_all(parity.Problem(), mxnet=WITH_MXNET)


def test_every_implementation_ran(result):
    expected = set(parity.IMPLEMENTATIONS)
    if not WITH_MXNET:
        expected -= set(parity.MXNET_IMPLEMENTATIONS)
    assert set(result.params) == expected


def test_implementations_end_at_the_same_parameters(result):
    assert result.max_difference() <= 1e-5
    for name, (w, b) in result.params.items():  # and they actually learned
        assert np.max(np.abs(w - parity.TRUE_W)) < 0.01, name
        assert abs(b - parity.TRUE_B) < 0.01, name


def test_parity_detects_a_different_learning_rate():
    # The check has teeth: torch.nn at the full rate (MSELoss has no 1/2) ends elsewhere.
    p = parity.Problem(num_epochs=1)
    w_ref, _ = parity.train_numpy(p)
    p.lr *= 2
    w_double, _ = parity.train_torch_concise(p)
    assert np.max(np.abs(w_double.ravel() - w_ref.ravel())) > 1e-4


def test_table_has_one_column_per_implementation(result):
    table = str(result.table())
    header = table.splitlines()[0]
    assert all(name in header for name in result.params)
    assert "max. abs. difference" in table


def test_mxnet_columns_are_omitted_with_a_note_where_mxnet_cannot_run(monkeypatch):
    reason = "MXNet 1.9.1 has wheels for Linux x86_64 only, and this is Darwin arm64."
    monkeypatch.setattr(parity, "mxnet_status",
                        lambda: lnn.frameworks.MXNetStatus(False, reason))
    res = parity.train_all(parity.Problem(num_epochs=1))
    assert not set(parity.MXNET_IMPLEMENTATIONS) & set(res.params)
    assert reason in str(res.table())


def test_bad_arguments():
    with pytest.raises(ValueError, match="mxnet must be"):
        parity.train_all(mxnet="yes")
    with pytest.raises(ValueError, match="batch_size"):
        parity.Problem(batch_size=0)
    with pytest.raises(ValueError, match="lr must be"):
        parity.Problem(lr=-1.0)




def _train(train):
    """Final (w (2,), b) of one implementation of lnn.parity on the slides' setting."""
    w, b = train(parity.Problem())
    return np.asarray(w).ravel(), float(np.asarray(b).ravel()[0])



def test_torch_matches_numpy_core():
    w_np, b_np = _train(parity.train_numpy)
    w_t, b_t = _train(parity.train_torch_scratch)
    np.testing.assert_allclose(w_t, w_np, atol=1e-5)
    assert abs(b_t - b_np) < 1e-5
    assert np.max(np.abs(w_np - [2.0, -3.4])) < 0.01  # and both actually learned



@needs_mxnet
def test_mxnet_matches_numpy_core():
    w_np, b_np = _train(parity.train_numpy)
    w_m, b_m = _train(parity.train_mxnet_scratch)
    np.testing.assert_allclose(w_m, w_np, atol=1e-5)
    assert abs(b_m - b_np) < 1e-5
