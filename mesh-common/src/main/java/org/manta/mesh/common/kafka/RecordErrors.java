package org.manta.mesh.common.kafka;

/**
 * Keeps a Kafka Streams stage alive through an {@link Error} thrown while it processes one record. Kafka's
 * processing-exception handler ({@link JobFailingExceptionHandler}) sees only exceptions: an {@code Error}
 * (a class that failed to initialise, an assertion, a stack overflow on a pathological input, an allocation
 * one record asks for that the heap cannot give) would kill the stream thread, and the restarted stage would
 * meet the same record again. {@link #guard} hands such an error on as a {@link RecordError}, so the handler
 * fails the record's job, dead-letters the record and the stage goes on. Errors of the JVM itself
 * ({@link InternalError}, {@link UnknownError}) pass through: nothing is safe after them.
 */
public final class RecordErrors {
    private RecordErrors() {
    }

    /** An {@link Error} thrown while one record was processed, as an exception. */
    public static final class RecordError extends RuntimeException {
        RecordError(Error cause) {
            super(cause.toString(), cause);
        }
    }

    /** Runs {@code work} (one record's processing), an {@code Error} it throws becoming a {@link RecordError}. */
    public static void guard(Runnable work) {
        try {
            work.run();
        } catch (InternalError | UnknownError e) {
            throw e;
        } catch (Error e) {
            throw new RecordError(e);
        }
    }
}
