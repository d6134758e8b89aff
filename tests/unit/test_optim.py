"""lnn/optim.py: minibatch SGD (3.1.9)-(3.1.10), train_epochs and run_sgd, one divergence rule."""

import numpy as np
import pytest

import lnn
import lnn.explorer

TRUE_W = np.array([2.0, -3.4])
TRUE_B = 4.2
SEEDS = range(5)


@pytest.fixture(scope="module")
def data():
    return lnn.explorer.demo_data(60, rng=3)




def test_sgd_recovers_true_parameters():
    X, y = lnn.synthetic_data(TRUE_W, TRUE_B, 1000, rng=0)
    w, b, losses = lnn.train_epochs(X, y, np.zeros((2, 1)), 0.0, lr=0.03, batch_size=10,
                                    num_epochs=3, rng=0)
    assert np.max(np.abs(w.ravel() - TRUE_W)) < 0.01
    assert abs(b - TRUE_B) < 0.01
    assert losses[-1] < losses[0]



@pytest.mark.parametrize("seed", SEEDS)
def test_sgd_stops_near_but_not_at_the_minimizer(seed):
    X, y = lnn.house_data(50, rng=seed)
    S = (X - X.mean(axis=0)) / X.std(axis=0)
    w_exact, b_exact = lnn.closed_form(S, y)
    rng = np.random.default_rng(seed)
    w, b, gaps = np.zeros(2), 0.0, []
    for _ in range(30):
        w, b, _ = lnn.train_epochs(S, y, w, b, lr=0.1, batch_size=10, num_epochs=1, rng=rng)
        gaps.append(lnn.mean_loss(S, y, w, b) - lnn.mean_loss(S, y, w_exact, b_exact))
    assert min(gaps) > 0
    assert gaps[-1] < gaps[0]



def test_run_sgd_is_train_epochs_with_a_record(data):
    X, y = data
    run = lnn.run_sgd(X, y, lr=0.05, batch_size=7, num_epochs=3, rng=1)
    w, b, epoch_losses = lnn.train_epochs(X, y, np.zeros(1), 0.0, lr=0.05, batch_size=7,
                                          num_epochs=3, rng=1)
    np.testing.assert_allclose(run.w, w)
    assert run.b == pytest.approx(float(b))
    updates = 3 * int(np.ceil(60 / 7))
    assert len(run.losses) == len(run.epochs) == len(run.path) == updates + 1
    assert run.epochs[-1] == pytest.approx(3.0)
    assert run.final_loss == pytest.approx(epoch_losses[-1])
    assert not run.diverged



def test_run_sgd_num_steps_stops_after_that_many_updates(data):
    run = lnn.run_sgd(*data, lr=0.1, batch_size=1, num_steps=25, rng=0)
    assert len(run.losses) == 26 and run.path.shape == (26, 2)



def test_run_sgd_validates_its_arguments(data):
    X, y = data
    with pytest.raises(ValueError, match="exactly one of num_epochs and num_steps"):
        lnn.run_sgd(X, y, lr=0.1, batch_size=1)
    with pytest.raises(ValueError, match="exactly one"):
        lnn.run_sgd(X, y, lr=0.1, batch_size=1, num_epochs=1, num_steps=1)
    with pytest.raises(ValueError, match="same length"):
        lnn.run_sgd(X, y[:-1], lr=0.1, batch_size=1, num_epochs=1)



def test_an_int_seed_is_one_generator_for_all_epochs():
    # Not a fresh generator per epoch, which would repeat the same minibatch order.
    X, y = lnn.explorer.demo_data(20, rng=0)
    w_seed, _, _ = lnn.train_epochs(X, y, np.zeros(1), 0.0, lr=0.1, batch_size=5, num_epochs=2,
                                    rng=0)
    rng = np.random.default_rng(0)
    w, b = np.zeros(1), 0.0
    for _ in range(2):
        for idx in lnn.batch_indices(5, 20, rng=rng):
            w, b = lnn.sgd_step(w, b, X[idx], y[idx], 0.1)
    np.testing.assert_allclose(w_seed, w)
    run = lnn.run_sgd(X, y, lr=0.1, batch_size=5, num_epochs=2, rng=0)
    np.testing.assert_allclose(run.w, w)
