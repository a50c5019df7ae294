package org.manta.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.manta.core.BadEventFileException;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/** Reading a file again after a restart gives the same chunks; a changed file is refused before any chunk. */
class FileIngestionTest {
    private static final Path FILE = Path.of("target/test-classes/data/monol_testA.evt");
    private static final JobSpec SPEC = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt")
            .setDt(1.0 / 16).setSegmentSize(64).build();

    /** The chunks of one reading, with the inputs told to {@code opened} as the first entry. */
    private static List<Object> read(java.util.function.Consumer<List<InputFile>> check) {
        List<Object> out = new ArrayList<>();
        FileIngestion.ingest("j", SPEC, JobSpecs.plan(SPEC, false), List.of(FILE), 300, c -> {
            out.add(c);
            return CompletableFuture.completedFuture(null);
        }, () -> false, opened -> {
            check.accept(opened);
            out.add(opened);
        });
        return out;
    }

    @Test
    void aSecondReadingSendsTheSameChunksAfterTellingWhatItOpened() throws Exception {
        List<Object> first = read(o -> { });
        List<Object> again = read(o -> { });
        assertEquals(first, again, "same chunks, same seq, same events");
        assertEquals(List.of(InputFile.newBuilder().setPath("monol_testA.evt").setSha256(FileIngestion.sha256(FILE))
                .setSizeBytes(Files.size(FILE)).build()), first.get(0), "opened is told before the first chunk");
        assertEquals(5, first.size(), "the inputs, then 1000 events in chunks of 300");
        assertTrue(((EventChunk) first.get(4)).getLast());
    }

    @Test
    void aChangedFileIsRefusedBeforeAnyChunk() {
        @SuppressWarnings("unchecked")
        List<InputFile> opened = (List<InputFile>) read(o -> { }).get(0);
        FileIngestion.checkUnchanged(opened, opened);
        List<InputFile> before = List.of(opened.get(0).toBuilder().setSizeBytes(opened.get(0).getSizeBytes() - 2880)
                .setSha256("0f").build());
        List<Object> sent = new ArrayList<>();
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> FileIngestion.ingest("j", SPEC,
                JobSpecs.plan(SPEC, false), List.of(FILE), 300, c -> {
                    sent.add(c);
                    return CompletableFuture.completedFuture(null);
                }, () -> false, now -> FileIngestion.checkUnchanged(before, now)));
        assertEquals(List.of(), sent, "no chunk of the changed file");
        assertTrue(e.getMessage().startsWith("monol_testA.evt: changed since the job started"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256 0f") && e.getMessage().contains("submit the job again"), e.getMessage());
    }
}
