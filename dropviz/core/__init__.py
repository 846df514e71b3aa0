"""The math: nets with dropout masks, the inference rules, subnetworks, bagging, training and its snapshots."""
