package org.manta.mesh.common.fold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.manta.core.io.Refs;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnit;
import org.manta.core.plan.WorkUnits;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.partial.CrossPartial;
import org.manta.mesh.common.partial.DynamicalPartial;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PowerPartial;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;

/**
 * Jobs on the reference event files planned and cut into work unit records as segment-service does
 * (core {@link JobPlan}, {@link WorkUnits}; mesh-common {@link Plans}), and the embedded product they must
 * give.
 */
public final class TestUnits {
    /**
     * Partials sum the segments of a batch, and are merged, in another order than the embedded
     * pipeline's one pass: sums of at most a few hundred terms reassociated, a few ulp of the largest
     * value. Arrays are compared relative to their largest magnitude.
     */
    public static final double REASSOCIATION_TOL = 1e-12;

    private TestUnits() {
    }

    /** A {@code manta.units} record. */
    public record UnitRecord(String key, byte[] value) {
        public org.manta.proto.v1.WorkUnit unit() {
            return org.manta.mesh.common.kafka.RecordCodec.unit(value);
        }
    }

    /** A planned job, its plan record, its units and the files it reads. */
    public record Job(String id, JobPlan plan, JobPlanRecord record, List<WorkUnit> units, List<Path> files) {
        /** One record per unit, in unit order. */
        public List<UnitRecord> records() {
            List<UnitRecord> out = new ArrayList<>();
            for (WorkUnit u : units) {
                out.add(new UnitRecord(Keys.unit(id, u.index()), Plans.unit(id, u, record).toByteArray()));
            }
            return out;
        }

        /** An empty partial of the job, as the reducer starts from. */
        public MeshPartial emptyPartial() {
            return MeshPartial.empty(id, JobSpecs.kind(plan.kind()), plan.segment(), !plan.request().useCommonMean());
        }
    }

    /**
     * Plans a job on files and cuts it into units.
     *
     * @param inputs a plain name: a file under the data root (a Submit); {@code staging:<path>}: a file in the
     *               staging store (all inputs of an Upload)
     */
    public static Job plan(Storage storage, String id, JobSpec.Builder spec, UnitSizing sizing, String... inputs) {
        List<Path> files = new ArrayList<>();
        List<InputFile> records = new ArrayList<>();
        boolean upload = inputs[0].startsWith(Storage.STAGING + ":");
        for (String in : inputs) {
            Path file = storage.resolve(upload ? in : Storage.DATA + ":" + in);
            files.add(file);
            if (!upload) {
                spec.addInputs(in);
            }
            long size = size(file);
            records.add(InputFile.newBuilder().setPath(upload ? "upload:" + records.size() : in).setSizeBytes(size)
                    .setLocation(storage.locationOf(file)).setLocationSizeBytes(size).build());
        }
        if (upload) {
            spec.setUploadInputs(inputs.length);
        }
        JobSpec s = spec.build();
        JobRequest request = JobSpecs.request(s, upload);
        JobPlan plan = EmbeddedPipeline.plan(request, files);
        List<WorkUnit> units = WorkUnits.cutFiles(plan, files, sizing);
        return new Job(id, plan, Plans.record(s, plan, records, units.size()), units, files);
    }

    public static JobSpec.Builder spec(ProductKind kind, double dt, double segment, Norm norm) {
        return JobSpec.newBuilder().setKind(kind).setDt(dt).setSegmentSize(segment).setNorm(norm);
    }

    /** An energy band, keV. */
    public static Band band(double lo, double hi) {
        return Band.newBuilder().setLo(lo).setHi(hi).build();
    }

    /** A reference event file (core's test data, on the test classpath under {@code data/}). */
    public static Path resource(String name) {
        return Refs.data(name);
    }

    /**
     * Asserts that a merged partial's product equals the embedded pipeline's on the same plan and files
     * (m, arrays within {@link #REASSOCIATION_TOL} of their largest value, photon counts).
     */
    public static void assertEqualsEmbedded(Job j, MeshPartial merged) {
        EmbeddedPipeline embedded = new EmbeddedPipeline(PoolSettings.ofThreads(1));
        JobRequest request = j.plan.request();
        switch (j.plan.kind()) {
            case PDS -> {
                AveragedPowerSpectrum expected = embedded.powerSpectrum(j.plan, j.files, ProgressListener.NONE);
                AveragedPowerSpectrum actual = ((PowerPartial) merged).power()
                        .result(request.norm(), request.useCommonMean());
                assertEquals(expected.segments(), actual.segments(), j.id + ": m");
                assertEquals(expected.segments(), merged.usedCount(), j.id + ": used segments");
                assertClose(j.id, expected.power(), actual.power());
                assertClose(j.id, expected.powerErr(), actual.powerErr());
                assertEquals(expected.nphots(), actual.nphots(), REASSOCIATION_TOL * expected.nphots(), j.id);
            }
            case CPDS -> {
                AveragedCrossSpectrum expected = embedded.crossSpectrum(j.plan, j.files, ProgressListener.NONE);
                AveragedCrossSpectrum actual = ((CrossPartial) merged).cross().result(request.norm());
                assertEquals(expected.segments(), actual.segments(), j.id + ": m");
                assertClose(j.id + " re", expected.power().re(), actual.power().re());
                assertClose(j.id + " im", expected.power().im(), actual.power().im());
                assertClose(j.id + " pds1", expected.pds1().power(), actual.pds1().power());
                assertClose(j.id + " pds2", expected.pds2().power(), actual.pds2().power());
                assertEquals(expected.nphots1(), actual.nphots1(), REASSOCIATION_TOL * expected.nphots1(), j.id);
                assertEquals(expected.nphots2(), actual.nphots2(), REASSOCIATION_TOL * expected.nphots2(), j.id);
            }
            case DYNPS -> {
                DynamicalPowerSpectrum expected = embedded.dynamicalPowerSpectrum(j.plan, j.files, ProgressListener.NONE);
                DynamicalPowerSpectrum actual = ((DynamicalPartial) merged).dynamical().result(request.norm());
                assertEquals(expected.m(), actual.m(), j.id + ": m");
                assertArrayEquals(expected.time(), actual.time(), 0.0, j.id + ": column times");
                assertEquals(expected.dynPs().length, actual.dynPs().length, j.id);
                for (int f = 0; f < expected.dynPs().length; f++) {
                    assertClose(j.id + " row " + f, expected.dynPs()[f], actual.dynPs()[f]);
                }
            }
        }
        assertTrue(merged.events1() > 0, j.id + ": events counted");
        assertEquals(j.plan.kind() == org.manta.core.plan.SpectrumKind.CPDS, merged.events2() > 0, j.id + ": events of channel 2");
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], REASSOCIATION_TOL * scale, what + ", index " + i);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
