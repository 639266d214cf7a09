#!/usr/bin/env python3
"""PyTorch timings of the face ResNet's architecture (docs/backbone.md), for `npm run bench -- --compare`.

Needs Debian's python3-torch; run with /usr/bin/python3. Prints one JSON object.
The network mirrors src/backbone (face-api's FaceRecognitionNet): NHWC-trained weights do not
matter for timing, so the weights are random; the graph, the shapes and the TensorFlow padding
rules are the same ("valid" stride-2 convolutions, "same" 3x3 ones, a 2x2 average-pool shortcut
zero-padded in channels, and the residual zero-padded when the valid convolution comes out short).

Workloads (float32, CPU, THREADS torch threads, batches of 32 images of 150x150x3, channels-last
memory format, which is the fastest layout for oneDNN convolutions on CPU):
  forward : the embedding for N images
  jvp     : the embedding's directional derivative along random image directions (forward-mode AD)
Each is timed as the best of 3 runs after a warm-up run: CPU seconds with one thread, wall
seconds with more.
"""
import json, sys, time
import torch
import torch.nn.functional as F
import torch.autograd.forward_ad as fwAD
from torch_common import best_of as _best_of  # bench/torch_common.py, beside this script

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
N = int(sys.argv[2]) if len(sys.argv) > 2 else 128
torch.set_num_threads(THREADS)
torch.manual_seed(0)

class ConvAffine(torch.nn.Module):
    def __init__(self, cin, cout, k, stride, padding):
        super().__init__()
        self.conv = torch.nn.Conv2d(cin, cout, k, stride=stride, padding=padding, bias=True)
        self.scale = torch.nn.Parameter(torch.rand(cout) + 0.5)
    def forward(self, x):
        return self.conv(x) * self.scale.view(1, -1, 1, 1)

class Block(torch.nn.Module):
    def __init__(self, cin, cout, down):
        super().__init__()
        self.down = down
        self.conv1 = ConvAffine(cin, cout, 3, 2 if down else 1, 0 if down else 1)
        self.conv2 = ConvAffine(cout, cout, 3, 1, 1)
        self.cin, self.cout = cin, cout
    def forward(self, x):
        out = self.conv2(F.relu(self.conv1(x)))
        if not self.down:
            return F.relu(out + x)
        pooled = F.avg_pool2d(x, 2, 2)
        if pooled.shape[2] != out.shape[2]:  # face-api pads the residual at the bottom and right
            out = F.pad(out, (0, pooled.shape[3] - out.shape[3], 0, pooled.shape[2] - out.shape[2]))
        pooled = F.pad(pooled, (0, 0, 0, 0, 0, self.cout - self.cin))
        return F.relu(out + pooled)

class FaceResNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = ConvAffine(3, 32, 7, 2, 0)
        spec = [(32, 32, False)] * 3 + [(32, 64, True)] + [(64, 64, False)] * 3 + [(64, 128, True)] + \
               [(128, 128, False)] * 2 + [(128, 256, True)] + [(256, 256, False)] * 2 + [(256, 256, True)]
        self.blocks = torch.nn.Sequential(*[Block(*s) for s in spec])
        self.fc = torch.nn.Linear(256, 128, bias=False)
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.stem(x)), 3, 2)
        x = self.blocks(x)
        return self.fc(x.mean(dim=(2, 3)))

# one thread: CPU time of the process (the per-thread speed, robust to other load); more: wall time
clock = time.process_time if THREADS == 1 else time.perf_counter


def best_of(fn, reps=3):
    return _best_of(fn, reps, clock)  # one thread in CPU seconds, two in wall time


model = FaceResNet().eval().to(memory_format=torch.channels_last)
for p in model.parameters():
    p.requires_grad_(False)
X = torch.rand(N, 3, 150, 150).contiguous(memory_format=torch.channels_last)
V = torch.randn(N, 3, 150, 150).contiguous(memory_format=torch.channels_last)
assert model(X[:1]).shape == (1, 128)

def forward_all():
    with torch.no_grad():
        for i in range(0, N, 32):
            model(X[i:i + 32])

def jvp_all():
    with torch.no_grad():
        for i in range(0, N, 32):
            with fwAD.dual_level():
                fwAD.unpack_dual(model(fwAD.make_dual(X[i:i + 32], V[i:i + 32]))).tangent

print(json.dumps({
    "engine": "pytorch " + torch.__version__,
    "threads": THREADS,
    "backbone_forward_images_per_s": N / best_of(forward_all),
    "backbone_jvp_images_per_s": N / best_of(jvp_all),
}))
