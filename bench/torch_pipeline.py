#!/usr/bin/env python3
"""PyTorch equivalents of fisherlab's pipeline benchmarks (bench/bench.ts, `npm run bench -- --compare`).

Needs Debian's python3-torch (apt-get install -y python3-torch); run with /usr/bin/python3.
Usage: torch_pipeline.py THREADS. Prints one JSON object.

Workloads (float32, CPU, THREADS torch threads), each the best of 3 runs after a warm-up (render, a
one-thread workload, in CPU time with THREADS = 1, as fisherlab measures it; the others in wall time):
  render     : 4096 images 64x64 rotated from a bank of 400 by F.affine_grid + F.grid_sample
               (bilinear, zeros outside, align_corners=True: rotation about ((W-1)/2, (H-1)/2)),
               then the circular mask (pixels farther than W/2 - 0.5 from the centre set to 0.5);
               batches of 1024 as fisherlab's training chunks.
  epoch      : one training epoch on 4096 freshly rendered images (render as above, then Adam
               lr 1e-3, batch 32, gradient-norm clip 0.5, MLP 4096-60-20-2 with CELU, loss
               mean(1 - cos_sim), targets (cos t, sin t)); and the same steps on images rendered beforehand ("steps alone").
  derivative : the network-derivative Fisher information of the output layer at 120 angles x 50
               identities: per angle, images at t and t +- 0.03 by grid_sample, dx/dt by central
               difference, forward-mode JVP (torch.autograd.forward_ad), then the Gaussian Fisher
               information I = mu'^T S^-1 mu' + 1/2 tr(S^-1 S' S^-1 S') with its delete-one
               jackknife over identities in float64 (as fisherlab's derivative() estimator does).
The bank is uniform noise: the cost of these workloads does not depend on the pixel values.
"""
import json, math, sys, time
import torch
import torch.nn.functional as F
import torch.autograd.forward_ad as fwAD
from torch_common import best_of, make_model  # bench/torch_common.py, beside this script

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(THREADS)
torch.manual_seed(0)
H = W = 64
D = H * W
BANK = torch.rand(400, 1, H, W)
N_RENDER, CHUNK, N_EPOCH, BATCH = 4096, 1024, 4096, 32
ANGLES, IDENTITIES, STEP = 120, 50, 0.03

yy, xx = torch.meshgrid(torch.arange(H, dtype=torch.float32), torch.arange(W, dtype=torch.float32), indexing="ij")
OUTSIDE = ((xx - (W - 1) / 2) ** 2 + (yy - (H - 1) / 2) ** 2 > (W / 2 - 0.5) ** 2)


def render(ids, theta):
    """[n, H*W] masked rotations of BANK[ids] by theta (radians, counter-clockwise as displayed)."""
    c, s = torch.cos(theta), torch.sin(theta)
    A = torch.zeros(len(ids), 2, 3)
    A[:, 0, 0] = c; A[:, 0, 1] = -s; A[:, 1, 0] = s; A[:, 1, 1] = c
    grid = F.affine_grid(A, (len(ids), 1, H, W), align_corners=True)
    out = F.grid_sample(BANK[ids], grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    return out.masked_fill(OUTSIDE, 0.5).reshape(len(ids), D)


ids_r = torch.randint(0, 400, (N_RENDER,))
theta_r = torch.rand(N_RENDER) * 2 * math.pi


def render_all():
    with torch.no_grad():
        for i in range(0, N_RENDER, CHUNK):
            render(ids_r[i:i + CHUNK], theta_r[i:i + CHUNK])


model = make_model()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
cos = torch.nn.CosineSimilarity()
pre = render(ids_r[:N_EPOCH], theta_r[:N_EPOCH])


def steps(X, theta):
    Y = torch.stack([torch.cos(theta), torch.sin(theta)], 1)
    perm = torch.randperm(len(X))
    for i in range(0, len(X), BATCH):
        idx = perm[i:i + BATCH]
        opt.zero_grad()
        loss = (1 - cos(model(X[idx]), Y[idx])).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        opt.step()


def epoch_fresh():
    ids = torch.randint(0, 400, (N_EPOCH,))
    theta = torch.rand(N_EPOCH) * 2 * math.pi
    for i in range(0, N_EPOCH, CHUNK):
        with torch.no_grad():
            X = render(ids[i:i + CHUNK], theta[i:i + CHUNK])
        steps(X, theta[i:i + CHUNK])


def epoch_steps_alone():
    steps(pre, theta_r[:N_EPOCH])


def fisher(r, dr):
    """Plug-in Gaussian Fisher information (mean term, covariance term) of [..., M, N] float64
    responses and derivatives; leading dimensions are batched (the jackknife's leave-one-out sets)."""
    m = r.shape[-2]
    mu, dmu = r.mean(-2, keepdim=True), dr.mean(-2, keepdim=True)
    a, b = dr - dmu, r - mu
    sigma = b.transpose(-1, -2) @ b / (m - 1)
    dsigma = (a.transpose(-1, -2) @ b + b.transpose(-1, -2) @ a) / (m - 1)
    L = torch.linalg.cholesky(sigma)
    mean_term = (torch.cholesky_solve(dmu.transpose(-1, -2), L) * dmu.transpose(-1, -2)).sum((-2, -1))
    A = torch.cholesky_solve(dsigma, L)
    return mean_term, 0.5 * torch.diagonal(A @ A, dim1=-2, dim2=-1).sum(-1)


# row j of KEEP lists the identities of leave-one-out set j
KEEP = torch.tensor([[i for i in range(IDENTITIES) if i != j] for j in range(IDENTITIES)])


def derivative_loop():
    net = make_model().eval()
    ids = torch.arange(IDENTITIES)
    out = []
    for k in range(ANGLES):
        t = torch.full((IDENTITIES,), 2 * math.pi * k / ANGLES)
        with torch.no_grad():
            x = render(ids, t)
            dx = (render(ids, t + STEP) - render(ids, t - STEP)) / (2 * STEP)
        with fwAD.dual_level():
            y = net(fwAD.make_dual(x, dx))
            p = fwAD.unpack_dual(y)
            r, dr = p.primal.detach().double(), p.tangent.detach().double()
        full = fisher(r, dr)
        loo = fisher(r[KEEP], dr[KEEP])  # all leave-one-out sets in one batched call
        out.append((full, loo))
    return out


result = {
    "engine": "pytorch " + torch.__version__,
    "threads": THREADS,
    "render_images_per_s": N_RENDER / best_of(render_all, clock=time.process_time if THREADS == 1 else time.perf_counter),
    "train_epoch_seconds": best_of(epoch_fresh),
    "train_steps_seconds": best_of(epoch_steps_alone),
    "fisher_derivative_seconds": best_of(derivative_loop, reps=1),
}
print(json.dumps(result))
