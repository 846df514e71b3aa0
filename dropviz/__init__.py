"""dropviz: dropout as the Deep Learning book (section 7.12) explains it, made explicit.

The library is plain torch/numpy/plotly so it works in a notebook, a script or the Streamlit app.
"""

from dropviz.core.model import DropoutMLP

__all__ = ["DropoutMLP"]
