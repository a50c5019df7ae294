/**
 * Reading and writing OGIP event files (science.md §23 with science-errata H2, L13; Stingray
 * {@code io.FITSTimeseriesReader}, {@code mission_support}).
 *
 * <ul>
 *   <li>{@link org.manta.core.io.EventFileReader}: plain or gzip FITS, bounded memory (one chunk of
 *       rows; nom-tam parses the headers only), times/GTIs shifted by TIMEZERO and TIMEPIXR in
 *       emulated extended precision, mission energy laws (NuSTAR, NICER, XMM, IXPE, Chandra, RXTE
 *       PCA), Stingray's GTI extension rules.</li>
 *   <li>{@link org.manta.core.io.EventChunk}: the reusable buffer the reader fills.</li>
 *   <li>{@link org.manta.core.io.EventFileWriter}: streaming writer of EVENTS + GTI files, atomic on
 *       {@code finish}.</li>
 *   <li>{@link org.manta.core.io.EventFileSubset}: a copy of an event file keeping some of its events' rows, every
 *       column, keyword and other extension as it was ({@code manta deadtime}).</li>
 *   <li>{@link org.manta.core.io.EventFiles}: provenance (SHA-256 of the input).</li>
 *   <li>{@link org.manta.core.io.LightCurveFiles}: binned OGIP light curves (RATE or COUNTS tables), recognised by the
 *       header rule with which the event reader refuses them.</li>
 * </ul>
 * Problems with a file are reported as {@link org.manta.core.BadEventFileException} with a one-line
 * reason.
 */
package org.manta.core.io;
