package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EventList;

/** A copy keeping some events: those rows exactly, every column, header and GTI of the input; gzip on .gz. */
class EventFileSubsetTest {

    @Test
    void keepsTheChosenRowsAndEverythingElse(@TempDir Path dir) throws IOException {
        Path source = Refs.data("monol_testA_calib.evt");
        for (String name : new String[] {"every-third.evt", "every-third.evt.gz"}) {
            Path out = dir.resolve(name);
            try (EventFileReader in = EventFileReader.open(source)) {
                EventList all = in.readAll(null);
                boolean[] keep = new boolean[all.size()];
                int n = 0;
                for (int i = 0; i < keep.length; i += 3) {
                    keep[i] = true;
                    n++;
                }
                assertEquals(n, EventFileSubset.write(in, keep, out));
                try (EventFileReader back = EventFileReader.open(out)) {
                    EventList kept = back.readAll(null);
                    assertEquals(in.columns(), back.columns(), name);
                    assertEquals(all.gti(), kept.gti(), name);
                    assertEquals(in.info(), back.info(), name);
                    assertEquals(in.object(), back.object(), name);
                    assertArrayEquals(every3(all.time()), kept.time(), name);
                    assertArrayEquals(every3(all.energy()), kept.energy(), name);
                }
            }
            assertEquals(name.endsWith(".gz"), FitsScan.isGzip(out), name);
        }
    }

    @Test
    void oneFlagPerEventIsRequired(@TempDir Path dir) {
        try (EventFileReader in = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> EventFileSubset.write(in, new boolean[3], dir.resolve("x.evt")));
            assertEquals("keep = 3 flags: expected " + in.rowCount() + " flags, one per event of "
                    + Refs.data("monol_testA.evt"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("x.evt")));
    }

    private static double[] every3(double[] values) {
        return java.util.stream.IntStream.range(0, values.length).filter(i -> i % 3 == 0).mapToDouble(i -> values[i])
                .toArray();
    }
}
