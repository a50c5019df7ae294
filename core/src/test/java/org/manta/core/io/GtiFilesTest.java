package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.BadEventFileException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/** User GTI files: text and FITS (the GTI extension of an event file), and the errors that name the problem. */
class GtiFilesTest {
    @TempDir
    Path dir;

    @Test
    void textWithCommentsCommasAndUnsortedLines() throws IOException {
        Path f = dir.resolve("gti.txt");
        Files.writeString(f, "# my GTIs\n\n300 400.5   # second\n100,200\n");
        assertEquals(GtiList.of(new Gti(100, 200), new Gti(300, 400.5)), GtiFiles.read(f));
    }

    @Test
    void theGtiExtensionOfAnEventFile() throws IOException {
        Path evt = dir.resolve("monol_testA.evt");
        try (InputStream in = Refs.class.getResourceAsStream("/data/monol_testA.evt")) {
            Files.copy(in, evt);
        }
        GtiList fromFile;
        try (EventFileReader r = EventFileReader.open(evt)) {
            fromFile = r.gti();
        }
        assertEquals(GtiList.of(new Gti(80000000.0, 80001025.0)), fromFile);
        assertEquals(fromFile, GtiFiles.read(evt), "first table with START/STOP");
    }

    @Test
    void errorsNameTheLine() throws IOException {
        Path three = dir.resolve("three.txt");
        Files.writeString(three, "1 2\n3 4 5\n");
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> GtiFiles.read(three));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("two columns"), e.getMessage());
        Path backwards = dir.resolve("backwards.txt");
        Files.writeString(backwards, "10 5\n");
        e = assertThrows(BadEventFileException.class, () -> GtiFiles.read(backwards));
        assertTrue(e.getMessage().contains("stop > start"), e.getMessage());
        Path overlap = dir.resolve("overlap.txt");
        Files.writeString(overlap, "0 10\n5 20\n");
        e = assertThrows(BadEventFileException.class, () -> GtiFiles.read(overlap));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
        e = assertThrows(BadEventFileException.class, () -> GtiFiles.read(dir.resolve("missing.gti")));
        assertTrue(e.getMessage().contains("missing.gti"), e.getMessage());
    }
}
