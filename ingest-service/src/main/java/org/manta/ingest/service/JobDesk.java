package org.manta.ingest.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.manta.core.MantaException;
import org.manta.ingest.IngestConfig;
import org.manta.ingest.kafka.MeshProducer;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.jobs.JobView;
import org.manta.mesh.common.mapping.JobPlan;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobStatus;

/**
 * The jobs side of the edge: accepts jobs (spec validated, inputs resolved under the data root, the
 * spec durable on {@code manta.jobs} before any data moves), reads their files onto
 * {@code manta.chunks} on a bounded pool, takes uploads, cancels, and answers about jobs from the
 * {@link JobView}. A problem with a job's data fails that job (a FAILED record with the reason),
 * never the service.
 */
@ApplicationScoped
public class JobDesk {
    private static final Logger LOG = Logger.getLogger(JobDesk.class);
    /** How long an answer about an unknown job waits for the job view to catch up after a start. */
    static final Duration VIEW_PATIENCE = Duration.ofSeconds(5);

    @Inject
    IngestConfig config;
    @Inject
    MeshProducer producer;
    @Inject
    JobView jobs;
    @Inject
    MeterRegistry registry;

    private DataRoot dataRoot;
    private ExecutorService pool;
    private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();
    private Counter submitted;
    private Counter failed;
    private Counter events;

    @PostConstruct
    void start() {
        dataRoot = new DataRoot(config.dataRoot());
        pool = Executors.newFixedThreadPool(config.ingestThreads(), Thread.ofPlatform().name("manta-ingest-", 0).factory());
        submitted = Counter.builder("manta.ingest.jobs.submitted").description("jobs accepted").register(registry);
        failed = Counter.builder("manta.ingest.jobs.failed").description("jobs failed by ingest (bad input files)").register(registry);
        events = Counter.builder("manta.ingest.events").description("events sent on manta.chunks").register(registry);
        LOG.infof("ingest-service: data root %s, uploads up to %d bytes", dataRoot.root(), config.maxUploadBytes());
    }

    void stop(@Observes ShutdownEvent event) {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Accepts a job on files under the data root; returns its id once the spec is durable.
     *
     * @throws org.manta.core.InvalidParameterException for a bad spec or input path (INVALID_ARGUMENT)
     */
    public String submit(JobSpec spec) {
        JobPlan plan = JobSpecs.plan(spec, false);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < spec.getInputsCount(); i++) {
            files.add(dataRoot.resolve("inputs[" + i + "]", spec.getInputs(i)));
        }
        String jobId = accept(spec);
        AtomicBoolean cancel = new AtomicBoolean();
        cancelFlags.put(jobId, cancel);
        pool.submit(() -> runFileJob(jobId, spec, plan, files, cancel));
        return jobId;
    }

    private void runFileJob(String jobId, JobSpec spec, JobPlan plan, List<Path> files, AtomicBoolean cancel) {
        try {
            write(JobRecords.running(jobId, "reading " + String.join(", ", spec.getInputsList()), Instant.now()));
            long n = FileIngestion.ingest(jobId, spec, plan, files, config.eventsPerChunk(), producer::sendChunk,
                    cancel::get, m -> { });
            events.increment(n);
            LOG.infof("job %s: %d events of %s on manta.chunks", jobId, n, spec.getInputsList());
        } catch (MantaException e) {
            // name inputs as the client did, relative to the data root, not by this server's absolute paths
            fail(jobId, e.getMessage().replace(dataRoot.root() + java.io.File.separator, ""));
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: ingestion failed", jobId);
            fail(jobId, "ingest-service: internal error: " + e);
        } finally {
            cancelFlags.remove(jobId);
        }
    }

    /** Starts an upload: validates the spec and makes the job (QUEUED then RUNNING). */
    public UploadSession startUpload(JobSpec spec) {
        JobPlan plan = JobSpecs.plan(spec, true);
        String jobId = accept(spec);
        write(JobRecords.running(jobId, "receiving an upload", Instant.now()));
        return new UploadSession(jobId, spec, plan, config.maxUploadBytes(), config.eventsPerChunk());
    }

    /** Sends chunks of an upload (asynchronously). */
    public void send(List<EventChunk> chunks) {
        for (EventChunk c : chunks) {
            producer.sendChunk(c);
            events.increment(c.getTimeCount());
        }
    }

    /** Makes everything sent durable. */
    public void flush() {
        producer.flush();
    }

    /** Fails a job with a message (bad input), e.g. a broken upload. */
    public void fail(String jobId, String message) {
        failed.increment();
        LOG.warnf("job %s failed: %s", jobId, message);
        try {
            write(JobRecords.failed(jobId, message, Instant.now()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: cannot record the failure", jobId);
        }
    }

    /**
     * Cancels a job (no effect once it is final) and returns its status.
     *
     * @throws JobNotFoundException for an unknown id
     */
    public JobStatus cancel(String jobId) {
        JobRecord current = record(jobId);
        if (!JobRecords.isFinal(current.getState())) {
            AtomicBoolean flag = cancelFlags.get(jobId);
            if (flag != null) {
                flag.set(true);
            }
            write(JobRecords.cancelled(jobId, Instant.now()));
        }
        return JobRecords.status(record(jobId));
    }

    /** @throws JobNotFoundException for an unknown id */
    public JobRecord record(String jobId) {
        return jobs.get(jobId, VIEW_PATIENCE).orElseThrow(() -> new JobNotFoundException(jobId));
    }

    public JobView view() {
        return jobs;
    }

    private String accept(JobSpec spec) {
        String jobId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        write(JobRecords.queued(jobId, spec, now));
        submitted.increment();
        Timer duration = Timer.builder("manta.jobs.duration").description("job submission to final state")
                .tag("kind", spec.getKind().name()).register(registry);
        AutoCloseable[] watch = new AutoCloseable[1];
        watch[0] = jobs.watch(jobId, r -> {
            if (JobRecords.isFinal(r.getState()) && watch[0] != null) {
                Instant end = r.getTimings().hasFinished() ? Protos.instant(r.getTimings().getFinished()) : Instant.now();
                duration.record(Duration.between(now, end).toNanos(), TimeUnit.NANOSECONDS);
                try {
                    watch[0].close();
                    watch[0] = null;
                } catch (Exception e) {
                    LOG.debug("closing a job watch", e);
                }
            }
        });
        return jobId;
    }

    /** Writes a job record (durably) and applies it to the local view at once. */
    private void write(JobRecord record) {
        producer.writeJob(record);
        jobs.apply(record);
    }
}
