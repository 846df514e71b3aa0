"""Drawing only: Plotly figures, surface images and GIFs made from what ``dropviz.core`` computes."""
