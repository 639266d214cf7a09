"""What the PyTorch benchmark scripts of bench/ share: the best-of timing and the reference MLP."""
import time
import torch


def best_of(fn, reps=3, clock=time.perf_counter):
    """The best of `reps` timed runs after one warm-up run, as fisherlab's bench/bestOf.ts."""
    fn()  # warm-up
    best = float("inf")
    for _ in range(reps):
        t0 = clock(); fn(); best = min(best, clock() - t0)
    return best


def make_model(d=64 * 64, h1=60, h2=20):
    """The MLP d-60-20-2 with CELU, PyTorch's default initialisation."""
    return torch.nn.Sequential(torch.nn.Linear(d, h1), torch.nn.CELU(),
                               torch.nn.Linear(h1, h2), torch.nn.CELU(),
                               torch.nn.Linear(h2, 2))
