"""lnn/figures.py: the chapter's drawn figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lnn import conditioning, figures


@pytest.mark.parametrize("draw", ["fit", "network", "neuron", "conditioning"])
def test_the_figures_draw(draw):
    if draw == "fit":
        fig = figures.fit_with_residuals(np.arange(5.0), np.arange(5.0) ** 1.5, 2.0, -1.0)
        assert len(fig.axes[0].collections) == 2  # residual segments and data points
    elif draw == "network":
        fig = figures.single_layer_network()
    elif draw == "neuron":
        fig = figures.neuron()
        texts = {t.get_text() for t in fig.axes[0].texts}
        assert {"dendrites", "nucleus", "axon", "axon terminals"} <= texts
    else:
        conds = np.logspace(0, 4, 5)
        fig = figures.condition_errors(conds, conditioning.parameter_errors(conds, rng=0))
        assert len(fig.axes[0].lines) == len(conditioning.SOLVERS)
    plt.close(fig)


def test_fit_with_residuals_rejects_mismatched_data():
    with pytest.raises(ValueError, match="same length"):
        figures.fit_with_residuals(np.arange(3.0), np.arange(4.0), 1.0, 0.0)
