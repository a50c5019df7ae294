package org.manta.gpuservice;

import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSpec;
import org.manta.gpu.EmulatedDevice;
import org.manta.gpu.GpuSegmentEngine;
import org.manta.mesh.common.fold.BatchFolder;
import org.manta.mesh.common.fold.BatchFolderTest;
import org.manta.mesh.common.storage.Storage;

/**
 * fft-service's folder tests on gpu-service's folder: the units of the reference jobs, in random batches,
 * folded by {@link GpuFolds} on the emulated device (batches of a few segments, so a job's segments cross
 * batches and lanes) merge to the embedded products; failures fail only their job, naming gpu-service's
 * reasons as fft-service's; a DYNPS partial is cut under the size bound.
 */
class GpuBatchFolderTest extends BatchFolderTest {
    /** Device memory for batches of 3 segments of 8192 bins (the reference PDS/CPDS layout); more for smaller ones. */
    private static final long MEMORY = EmulatedDevice.memoryFor(SegmentSpec.of(1.0 / 128, 64), SpectrumKind.CPDS, 3,
            4096);

    @Override
    protected BatchFolder folder(Storage storage, long maxPartialBytes) {
        GpuSegmentEngine engine = new GpuSegmentEngine(new EmulatedDevice(Long.MAX_VALUE), 4096, MEMORY);
        return new BatchFolder(storage, maxPartialBytes, new GpuFolds(engine), "gpu-service");
    }

}
