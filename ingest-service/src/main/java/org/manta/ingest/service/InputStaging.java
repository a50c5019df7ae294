package org.manta.ingest.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.EventFiles;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.plan.InputHeader;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.WholeSeriesSpecs;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;

/**
 * Makes a job's input files readable by the mesh's services (design.md §2.1): records what was opened
 * (path as given, sha256 and size of its bytes), and gives each input a location in the shared storage
 * where an uncompressed FITS event file (or, for a product of a whole series, a FITS or JSON light curve) lies: the
 * file itself under the data root, or, for a gzip-compressed event file, its decompressed bytes staged once under the
 * job's staging directory ({@code input-<i>.fits}). A staged file is written under a temporary name and moved into place
 * atomically, so a crash never leaves a half file under the final name. Problems with a file throw
 * {@link BadEventFileException}s naming it as the client did; the caller fails the job.
 */
public final class InputStaging {
    private static final int BUFFER = 1 << 16;

    private InputStaging() {
    }

    /**
     * What an input is: its path as given, the sha256 and size of its bytes (compressed ones for {@code .gz}).
     *
     * @param path the path as in {@code JobSpec.inputs}
     * @param file that path resolved under the data root
     */
    public static InputFile open(String path, Path file) {
        String sha256;
        try {
            sha256 = DIGESTS.sha256(file);
        } catch (BadEventFileException e) {
            throw named(e, file, path);
        }
        return InputFile.newBuilder().setPath(path).setSha256(sha256).setSizeBytes(size(path, file)).build();
    }

    /**
     * A spec of a whole series (lomb, multitaper, bispectrum, bicoherence) without a bin time ({@code dt} unset) on
     * a light curve (FITS or JSON, {@link LightCurveFile#isLightCurve}) takes the light curve's own, as
     * {@code manta lomb lc.fits} does without {@code --dt}: the spec the job records, and every service reads, carries
     * it (a second input must have the same). Any other spec is returned as it is.
     *
     * @param files the spec's inputs resolved under the data root
     * @throws InvalidParameterException for an unset {@code dt} on an event file, which it is needed to bin, or on a
     *                                   JSON light curve without {@code dt} ({@link LightCurveFile#noDt})
     * @throws BadEventFileException     if the light curve cannot be read
     */
    public static JobSpec withOwnDt(JobSpec spec, List<Path> files) {
        if (spec.getDt() != 0 || !JobSpecs.wholeSeries(spec.getKind()) || files.isEmpty()) {
            return spec;
        }
        String name = spec.getInputs(0);
        Path file = files.get(0);
        if (!LightCurveFile.isLightCurve(file)) {
            throw new InvalidParameterException("dt", "(none)", "a bin time in seconds to bin the event file " + name
                    + " (only a light curve brings its own)");
        }
        try {
            return spec.toBuilder().setDt(LightCurveFile.read(file, Optional.empty()).lc().dt()).build();
        } catch (BadEventFileException e) {
            throw named(e, file, name);
        } catch (InvalidParameterException e) {
            // read without a dt, a light curve is refused on dt only when it is a JSON one without one
            throw e.parameter().equals("dt") ? LightCurveFile.noDt(name) : e;
        }
    }

    /** The digests of recently opened files (see {@link DigestCache}). */
    static final DigestCache DIGESTS = new DigestCache(1024);

    /**
     * Gives an opened input its location: the file itself ({@code data:}) if it is not compressed, or is a JSON light
     * curve ({@link LightCurveFile#isJson}: every service reads it through {@link LightCurveFile#readJson}, which
     * decompresses it); else its decompressed bytes staged as {@code staging:<job>/input-<index>.fits}, unless a staged
     * file of the size {@code before} recorded is there already (a resumed job whose input was staged before it
     * stopped).
     *
     * @param opened what {@link #open} said of the file
     * @param before the same input as recorded earlier (a resumed job), or the default instance
     * @throws BadEventFileException if the file cannot be read or decompressed, or is a compressed FITS light curve
     */
    public static InputFile locate(Storage storage, String jobId, int index, InputFile opened, Path file,
                                   InputFile before) {
        Path located;
        if (!isGzip(opened.getPath(), file) || LightCurveFile.isJson(file)) {
            located = file;
        } else if (LightCurveFile.isLightCurve(file)) {
            throw new BadEventFileException(Path.of(opened.getPath()), "a gzip-compressed light curve: expected an "
                    + "uncompressed FITS light curve under the data root (gunzip it), or run the command locally on it");
        } else {
            located = storage.stagingDirectory(jobId).resolve("input-" + index + ".fits");
            if (!stagedBefore(storage, located, before)) {
                gunzip(opened.getPath(), file, located);
            }
        }
        return opened.toBuilder().setLocation(storage.locationOf(located)).setLocationSizeBytes(size(opened.getPath(), located))
                .build();
    }

    private static boolean stagedBefore(Storage storage, Path staged, InputFile before) {
        return before.getLocation().equals(storage.locationOf(staged)) && Files.isRegularFile(staged)
                && size(before.getPath(), staged) == before.getLocationSizeBytes();
    }

    /**
     * A located input with its header as the planner sees it, read from its location; messages name the
     * input as {@code name} (the path as given, or "upload 0"), not by the server's path.
     *
     * @param spec the job's spec: its product and bin time ({@link #read})
     * @throws BadEventFileException if the file is not a usable event file or light curve
     */
    public static Staged staged(Storage storage, InputFile input, String name, JobSpec spec) {
        Staged s = read(storage.resolve(input.getLocation()), name, spec);
        return new Staged(input, s.header(), s.events());
    }

    /**
     * The header of an input file as the planner sees it: an event file's ({@link InputHeader#of}, its rows the
     * events), or a light curve's ({@link LightCurveFile#header}, its bins the events), which only the products
     * of a whole series take ({@link JobSpecs#takesLightCurves}; to others it is an event file, which it is not) at
     * their own bin time (the spec's {@code dt}
     * must be it, as {@code manta lomb lc.fits --dt D} checks, before the plan would move it); {@code input} is left
     * unset.
     *
     * @throws BadEventFileException             if the file is not a usable event file or light curve (a light curve
     *         given to a product of events: the command's refusal, "NAME: is a binned light curve …")
     * @throws org.manta.core.InvalidParameterException for a light curve at another dt, or
     *         without the even bins its product needs ({@link JobSpecs#requireSeriesBins}), or without the errors its
     *         {@code err_dist} gauss needs ({@link WholeSeriesSpecs#requireErrors}, as {@code manta lomb --err-dist
     *         gauss})
     */
    static Staged read(Path file, String name, JobSpec spec) {
        try {
            if (LightCurveFile.isLightCurve(file) && JobSpecs.takesLightCurves(spec.getKind())) {
                LightCurveFile lc = LightCurveFile.read(file, Optional.of(spec.getDt()));
                JobSpecs.requireSeriesBins(spec, name, lc.lc());
                WholeSeriesSpecs.requireErrors(spec, name, Optional.of(lc));
                return new Staged(InputFile.getDefaultInstance(), lc.header(name), lc.lc().size());
            }
            WholeSeriesSpecs.requireErrors(spec, name, Optional.empty());
            try (EventFileReader reader = EventFileReader.open(file)) {
                return new Staged(InputFile.getDefaultInstance(), InputHeader.of(name, reader), reader.rowCount());
            }
        } catch (BadEventFileException e) {
            throw named(e, file, name);
        }
    }

    /**
     * An input ready for the mesh.
     *
     * @param input  what goes into {@code JobInput.inputs}: path as given, sha256, size, location
     * @param header what the planner reads from it
     * @param events its events (rows), or a light curve's bins
     */
    public record Staged(InputFile input, InputHeader header, long events) {
    }

    /**
     * A job resumed after a restart must use the bytes it started on: a plan made from the input published
     * before, and work units cut from it, would not fit other bytes.
     *
     * @param before the inputs as first opened (from the job record)
     * @param now    the same inputs as opened now
     * @throws BadEventFileException naming the first input whose path, sha256 or size differs
     */
    public static void checkUnchanged(List<InputFile> before, List<InputFile> now) {
        for (int i = 0; i < before.size(); i++) {
            InputFile b = before.get(i);
            InputFile n = i < now.size() ? now.get(i) : InputFile.getDefaultInstance();
            if (!b.getPath().equals(n.getPath()) || !b.getSha256().equals(n.getSha256())
                    || b.getSizeBytes() != n.getSizeBytes()) {
                throw new BadEventFileException(Path.of(b.getPath()), "changed since the job started ("
                        + b.getSizeBytes() + " bytes, sha256 " + b.getSha256() + "; now " + n.getSizeBytes() + " bytes, sha256 "
                        + n.getSha256() + "), so its interrupted ingestion cannot be resumed; submit the job again");
            }
        }
    }

    /** True when the job has a staging directory. */
    public static boolean hasStaging(Storage storage, String jobId) {
        return Files.isDirectory(storage.resolve(Storage.STAGING + ":" + jobId));
    }

    /** Removes a job's staging directory and everything in it, if there is one; returns the bytes of its files. */
    public static long removeStaging(Storage storage, String jobId) {
        Path dir = storage.resolve(Storage.STAGING + ":" + jobId);
        if (!Files.exists(dir)) {
            return 0;
        }
        long bytes = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                bytes += Files.isRegularFile(p) ? Files.size(p) : 0;
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the staging directory " + dir + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    /** True when the file starts with the gzip magic bytes (as the core's reader decides). */
    static boolean isGzip(String path, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new BadEventFileException(Path.of(path), "cannot read: " + reason(e));
        }
    }

    /** Decompresses {@code file} to {@code target} through a temporary file in the same directory. */
    private static void gunzip(String path, Path file, Path target) {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), BUFFER);
                 OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BadEventFileException(Path.of(path), "cannot decompress (gzip): " + reason(e));
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the directory goes with the job; nothing more to do here
            }
        }
    }

    static long size(String path, Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BadEventFileException(Path.of(path), "cannot read: " + reason(e));
        }
    }

    /** The same problem, with the file named as the client named it instead of by this server's path. */
    private static BadEventFileException named(BadEventFileException e, Path file, String name) {
        String message = e.getMessage();
        String reason = message.startsWith(file + ": ") ? message.substring(file.toString().length() + 2) : message;
        return new BadEventFileException(Path.of(name), reason, e);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
