/**
 * The workers of {@code manta.units} that fft-service and gpu-service share: {@link org.manta.mesh.common.fold.UnitWorker}
 * (the transactional loop), {@link org.manta.mesh.common.fold.BatchFolder} (units → partials, free of Kafka) and
 * the {@link org.manta.mesh.common.fold.FoldEngine} that folds the segments (CPU or GPU).
 */
package org.manta.mesh.common.fold;
