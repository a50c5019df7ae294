package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.BadEventFileException;
import org.manta.core.events.EnergyBand;

/** The TIME-only fast path gives the times of the full decoder, with and without a band and a time offset. */
class NextTimesTest {
    @TempDir
    Path dir;

    private static double[] times(EventFileReader r, EnergyBand band, int capacity) {
        EventChunk c = new EventChunk(capacity);
        double[] all = new double[0];
        while (r.nextTimes(c, band)) {
            int n = all.length;
            all = Arrays.copyOf(all, n + c.size);
            System.arraycopy(c.time, 0, all, n, c.size);
        }
        return all;
    }

    @Test
    void sameTimesAsTheFullDecoder() {
        for (String name : new String[] {"monol_testA.evt", "xte_test.evt.gz", "chandra_test.fits"}) {
            for (EnergyBand band : new EnergyBand[] {null, EnergyBand.energy(3, 10)}) {
                try (EventFileReader r = EventFileReader.open(Refs.data(name))) {
                    double[] want = r.readAll(band).time();
                    r.rewind();
                    double[] got = times(r, band, 7);
                    assertTrue(want.length > 0, name);
                    assertArrayEquals(want, got, name + " " + band);
                }
            }
        }
    }

    @Test
    void unsortedTimesAreRejected() {
        Path f = dir.resolve("u.fits");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").row(1.0).row(3.0).row(2.0))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.0, 4.0))
                .write(f);
        try (EventFileReader r = EventFileReader.open(f)) {
            BadEventFileException e = assertThrows(BadEventFileException.class, () -> times(r, null, 2));
            assertEquals(f + ": times not sorted: TIME[2]=2.0 < TIME[1]=3.0", e.getMessage());
        }
    }
}
