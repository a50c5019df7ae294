package org.manta.mesh.common.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.manta.mesh.common.fold.TestUnits.plan;
import static org.manta.mesh.common.fold.TestUnits.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.plan.UnitSizing;
import org.manta.mesh.Topics;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.storage.Storage;
import org.manta.mesh.common.testing.KafkaSecurityEnv;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * Where a worker sends a partial (docs/mesh.md, "The reduce tree"): the partials of a job of at most
 * {@code directMaxUnits} work units straight to its final merge, keyed by the job as the combiners key
 * theirs; a larger job's, or one whose unit count is unknown, to the combiners by shard.
 */
class UnitWorkerRoutingTest {
    @TempDir
    Path dir;

    @Test
    void smallJobsSkipTheCombinersLargeOnesGoThroughThem() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(TestUnits.resource("monol_testA.evt"), data.resolve("monol_testA.evt"));
        Storage storage = new Storage(data, dir.resolve("staging"));
        TestUnits.Job job = plan(storage, "job-7", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC),
                new UnitSizing(1 << 20, 2, 1), "monol_testA.evt");
        long units = job.record().getUnitCount();
        assertEquals(job.units().size(), units, "the plan record says how many units the job was cut into");

        try (BatchFolder folder = new BatchFolder(storage)) {
            List<TestUnits.UnitRecord> records = job.records().subList(0, 2);
            BatchFolder.Result r = folder.fold(records.stream().map(TestUnits.UnitRecord::key).toList(),
                    records.stream().map(TestUnits.UnitRecord::value).toList());
            assertEquals(units, r.unitCounts().get("job-7"), "the folder reports the job's unit count");
            PartialAccumulator p = r.partials().get(0);

            ProducerRecord<String, byte[]> direct = worker(units).route(p, units);
            assertEquals(Topics.COMBINED, direct.topic());
            assertEquals("job-7", direct.key(), "keyed by the job, as the combiners key what they publish");

            ProducerRecord<String, byte[]> combined = worker(units - 1).route(p, units);
            assertEquals(Topics.PARTIALS, combined.topic());
            assertEquals(Keys.shard("job-7", p.getSegmentRanges(0)), combined.key());

            assertEquals(Topics.PARTIALS, worker(units).route(p, 0).topic(), "an unknown unit count: the combiners");
            assertEquals(Topics.PARTIALS, worker(0).route(p, units).topic(), "0 turns direct partials off");
        }
    }

    private static UnitWorker worker(long directMaxUnits) {
        return new UnitWorker("test-worker", KafkaSecurityEnv.kafka(KafkaSecurityEnv.NONE), null, 16,
                Duration.ofMillis(100), Duration.ofMillis(200), directMaxUnits, jobId -> false,
                new UnitWorker.Metrics(null, null, null, null, null, null, null, null, c -> () -> { }));
    }
}
