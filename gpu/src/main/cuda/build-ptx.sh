#!/usr/bin/env bash
# Regenerates the committed PTX of the GPU kernels (docs/gpu.md). Needs nvcc (CUDA 12 or 13); the PTX is
# JIT-compiled by the driver on any GPU of compute capability 8.0 or newer (A100, H100, H200).
# PtxTest checks that the committed file is what this nvcc produces.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../resources/org/manta/gpu/kernels.ptx}"
exec "${NVCC:-nvcc}" -ptx -arch=compute_80 -fmad=false -O3 -o "$out" "$here/kernels.cu"
