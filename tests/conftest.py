import torch

# Many sessions share one server: keep each test process on one thread.
torch.set_num_threads(1)
