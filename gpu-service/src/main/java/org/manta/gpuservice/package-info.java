/**
 * gpu-service (design.md §1, docs/gpu.md): the fft-service contract on a GPU node. It probes the device once
 * at start and reports it in health and metrics; without a CUDA device it logs one line, stays not ready and
 * leaves {@code manta.units} to fft-service.
 */
package org.manta.gpuservice;
