# IPython startup file of the Colab stand-in (tests/colab/runtime.py copies it into the
# stand-in's own IPYTHONDIR): what Colab's kernel has loaded before the first cell runs.
# numpy (2.x on Colab) stays in memory: a cell that downgrades it on disk cannot unload it.
import google.colab  # noqa: F401  (the setup cell tests `"google.colab" in sys.modules`)
import matplotlib  # noqa: F401
import matplotlib.pyplot  # noqa: F401
import numpy  # noqa: F401
