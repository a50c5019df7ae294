package org.manta.mesh.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.events.EventList;
import org.manta.core.io.EventFileReader;
import org.manta.proto.v1.EventBatch;

class UploadBatchesTest {
    @Test
    void uploadBatchesCarryEveryEventAndEachInputsGtisAndHeaderOnItsFirstBatch(@TempDir Path dir) throws Exception {
        List<Path> files = List.of(copy(dir, "monol_testA.evt"), copy(dir, "monol_testA_calib.evt"));
        List<EventBatch> batches = new ArrayList<>();
        try (UploadBatches b = new UploadBatches(files, 128)) {
            assertEquals(2, b.inputs());
            b.forEachRemaining(batches::add);
        }
        assertTrue(batches.stream().allMatch(b -> b.getTimeCount() <= 128), "at most 128 events a batch");
        for (int input = 0; input < 2; input++) {
            int i = input;
            List<EventBatch> of = batches.stream().filter(x -> x.getInput() == i).toList();
            try (EventFileReader r = EventFileReader.open(files.get(input))) {
                EventList all = r.readAll(null);
                assertArrayEquals(all.time(), of.stream().flatMap(x -> x.getTimeList().stream())
                        .mapToDouble(Double::doubleValue).toArray(), "every event of input " + input + ", in order");
                assertArrayEquals(all.energy(), of.stream().flatMap(x -> x.getEnergyList().stream())
                        .mapToDouble(Double::doubleValue).toArray());
                // PI travels whenever a PI band could select on it: also beside ENERGY (monol_testA_calib)
                assertArrayEquals(piColumn(r), of.stream().flatMap(x -> x.getPiList().stream())
                        .mapToInt(Integer::intValue).toArray());
                EventBatch first = of.get(0);
                assertEquals(ToWire.gtis(all.gti()), first.getGtiList());
                assertEquals(ToWire.observationInfo(r.info(), r.object()), first.getInfo());
                assertEquals("Fake X-1", first.getInfo().getObject(), "the file's OBJECT, for the staged file");
                assertEquals(r.info().instrument(), first.getInfo().getInstrument());
                assertEquals(r.info().mjdref().days(), first.getInfo().getMjdref().getDays());
                assertEquals(r.info().mjdref().fraction(), first.getInfo().getMjdref().getFraction());
                assertEquals(r.info().timedel(), first.getInfo().getTimedel());
                assertTrue(of.stream().skip(1).noneMatch(x -> x.getGtiCount() > 0 || x.hasInfo()), "on the first batch only");
            }
        }
        assertEquals(0, batches.get(0).getInput(), "input 0 first");
        assertEquals(2, batches.stream().map(EventBatch::getInput).distinct().count(), "interleaved");
    }

    /** The PI column as the reader decodes it (empty without one). */
    private static int[] piColumn(EventFileReader r) {
        if (!r.canSelectPi()) {
            return new int[0];
        }
        r.rewind();
        org.manta.core.io.EventChunk chunk = r.newChunk();
        java.util.stream.IntStream.Builder pi = java.util.stream.IntStream.builder();
        while (r.next(chunk, null)) {
            for (int i = 0; i < chunk.size; i++) {
                pi.add(chunk.pi[i]);
            }
        }
        return pi.build().toArray();
    }

    /** A reference event file (core's test data) copied to {@code dir}. */
    static Path copy(Path dir, String name) throws IOException {
        try (InputStream in = UploadBatchesTest.class.getResourceAsStream("/data/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    /** GTIs go on the wire exactly: the extended-precision parts of their bounds too (what segment starts are made of). */
    @Test
    void gtisKeepTheirExactParts() {
        org.manta.core.gti.GtiList gti = org.manta.core.gti.GtiList.of(new org.manta.core.gti.Gti(100, 200, 1e-14, -2e-14));
        org.manta.proto.v1.Gti wire = ToWire.gtis(gti).get(0);
        assertEquals(List.of(100.0, 1e-14, 200.0, -2e-14), List.of(wire.getStart(), wire.getStartLo(), wire.getStop(),
                wire.getStopLo()));
    }
}
