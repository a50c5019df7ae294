package org.manta.proto;

/**
 * The {@code format_version} of Manta's Kafka record values ({@code records.proto}).
 *
 * <p>Adding a field keeps the version (old readers skip unknown fields). A change that an old
 * reader would misread (a new meaning, unit or layout of an existing field) bumps {@link #CURRENT};
 * serialised samples of every version stay in {@code proto/src/test/resources/wire/} and must keep
 * parsing (style.md §4).
 */
public final class RecordFormat {
    /** The version written by this code. */
    public static final int CURRENT = 1;
    /** The oldest version this code still reads. */
    public static final int OLDEST_READABLE = 1;

    private RecordFormat() {
    }

    /**
     * Checks the {@code format_version} of a record before it is used.
     *
     * @param formatVersion the record's {@code format_version} (0 means the field was never set)
     * @param recordName    the record type, for the message (e.g. {@code "manta.v1.EventChunk"})
     * @return {@code formatVersion}
     * @throws IllegalArgumentException naming the record, the version found and the versions known
     */
    public static int requireReadable(int formatVersion, String recordName) {
        if (formatVersion < OLDEST_READABLE || formatVersion > CURRENT) {
            throw new IllegalArgumentException(recordName + " format_version " + Integer.toUnsignedString(formatVersion)
                    + " cannot be read: expected " + OLDEST_READABLE
                    + (OLDEST_READABLE == CURRENT ? "" : ".." + CURRENT)
                    + (formatVersion == 0 ? " (0: the writer did not set format_version)" : ""));
        }
        return formatVersion;
    }
}
