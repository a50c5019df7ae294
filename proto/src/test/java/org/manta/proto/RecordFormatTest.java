package org.manta.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordFormatTest {

    @Test
    void acceptsTheCurrentVersion() {
        assertEquals(1, RecordFormat.requireReadable(1, "manta.v1.Segment"));
    }

    @Test
    void rejectsUnsetAndFutureVersionsByName() {
        var unset = assertThrows(IllegalArgumentException.class, () -> RecordFormat.requireReadable(0, "manta.v1.Segment"));
        assertEquals("manta.v1.Segment format_version 0 cannot be read: expected 1 (0: the writer did not set format_version)",
                unset.getMessage());
        var future = assertThrows(IllegalArgumentException.class, () -> RecordFormat.requireReadable(2, "manta.v1.EventChunk"));
        assertTrue(future.getMessage().startsWith("manta.v1.EventChunk format_version 2 cannot be read"), future.getMessage());
    }
}
