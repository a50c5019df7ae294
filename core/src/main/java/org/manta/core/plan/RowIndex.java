package org.manta.core.plan;

import org.manta.core.io.EventFileReader;

/** Where rows of a time-sorted event table start: what cutting work units needs of an input. */
public interface RowIndex {
    /** The first row with time at least {@code t}, or the row count if none. */
    long firstRowAtOrAfter(double t);

    /** An opened event file's index (bisection over its TIME column). */
    static RowIndex of(EventFileReader reader) {
        return reader::firstRowAtOrAfter;
    }
}
