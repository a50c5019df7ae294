package org.manta.ingest.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.manta.core.InvalidParameterException;
import org.manta.ingest.kafka.RunningProducts;
import org.manta.ingest.service.JobDesk;
import org.manta.ingest.service.UploadSession;
import org.manta.mesh.common.auth.BearerTokenInterceptor;
import org.manta.mesh.common.auth.Caller;
import org.manta.mesh.common.grpc.GrpcErrors;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.RunningProduct;
import org.manta.proto.v1.UploadRequest;

/**
 * {@code JobService} (jobs.proto): a thin adapter over {@link JobDesk} (and, for Watch, the
 * {@link RunningProducts}); every error becomes a gRPC status through {@link GrpcErrors}
 * (INVALID_ARGUMENT for bad specs and paths, NOT_FOUND for unknown jobs, RESOURCE_EXHAUSTED for
 * oversized uploads). Every call is authenticated ({@link EdgeAuthentication}): a job is owned by the
 * caller that submits it, and Watch, Get and Cancel of another principal's job are NOT_FOUND unless the
 * caller is an admin ({@link Caller#check}).
 */
@GrpcService
public class JobGrpcService extends JobServiceGrpc.JobServiceImplBase {
    private static final Logger LOG = Logger.getLogger(JobGrpcService.class);

    @Inject
    JobDesk desk;
    @Inject
    RunningProducts running;

    @Override
    @Blocking
    public void submit(JobSpec spec, StreamObserver<JobRef> responses) {
        try {
            String jobId = desk.submit(spec, BearerTokenInterceptor.caller().principal());
            responses.onNext(JobRef.newBuilder().setJobId(jobId).build());
            responses.onCompleted();
        } catch (RuntimeException e) {
            error(responses, "Submit", e);
        }
    }

    @Override
    @Blocking
    public StreamObserver<UploadRequest> upload(StreamObserver<JobRef> responses) {
        Caller caller = BearerTokenInterceptor.caller();
        return new StreamObserver<>() {
            private UploadSession session;
            private boolean closed;

            @Override
            public void onNext(UploadRequest request) {
                if (closed) {
                    return;
                }
                try {
                    if (session == null) {
                        if (!request.hasSpec()) {
                            throw new InvalidParameterException("upload", request.getPayloadCase(),
                                    "a JobSpec as the first message of the stream");
                        }
                        session = desk.startUpload(request.getSpec(), caller.principal());
                    } else if (request.hasEvents()) {
                        desk.add(session, request.getEvents());      // FAILED_PRECONDITION once the job is final
                    } else {
                        throw new InvalidParameterException("upload", request.getPayloadCase(),
                                "EventBatch messages after the first");
                    }
                } catch (RuntimeException e) {
                    closed = true;
                    if (session != null) {
                        desk.refuse(session, "upload refused: " + e.getMessage());
                    }
                    error(responses, "Upload", e);
                }
            }

            @Override
            public void onError(Throwable t) {
                if (!closed && session != null) {
                    desk.refuse(session, "upload aborted by the client: " + t.getMessage());
                }
                closed = true;
            }

            @Override
            public void onCompleted() {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    if (session == null) {
                        throw new InvalidParameterException("upload", "empty stream", "a JobSpec, then EventBatch messages");
                    }
                    desk.finish(session);
                    responses.onNext(JobRef.newBuilder().setJobId(session.jobId()).build());
                    responses.onCompleted();
                } catch (RuntimeException e) {
                    if (session != null) {
                        desk.refuse(session, "upload refused: " + e.getMessage());
                    }
                    error(responses, "Upload", e);
                }
            }
        };
    }

    @Override
    @Blocking
    public void watch(JobRef ref, StreamObserver<JobProgress> responses) {
        JobRecord first;
        try {
            first = owned(ref);
        } catch (RuntimeException e) {
            error(responses, "Watch", e);
            return;
        }
        new Watch(first, (ServerCallStreamObserver<JobProgress>) responses).start();
    }

    /**
     * One Watch call: a progress message on every change of the job's record until its final state and,
     * for a job that wants a running product, also on every newer running product, which rides on the
     * next message while the client keeps up (a slow client gets fewer running products, not a backlog).
     */
    private final class Watch {
        private final JobRecord first;
        private final String jobId;
        private final boolean wantsRunning;
        private final ServerCallStreamObserver<JobProgress> call;
        private final List<AutoCloseable> subscriptions = new ArrayList<>();
        private long runningSent = -1;   // segments_done of the running product sent last
        private boolean done;

        Watch(JobRecord first, ServerCallStreamObserver<JobProgress> call) {
            this.first = first;
            this.jobId = first.getJobId();
            this.wantsRunning = first.getSpec().getWantRunningProduct();
            this.call = call;
        }

        void start() {
            call.setOnCancelHandler(this::close);
            synchronized (this) {
                subscriptions.add(desk.view().watch(jobId, this::send));
                if (wantsRunning) {
                    subscriptions.add(running.watch(jobId, r -> send(current())));
                }
            }
            send(current());
        }

        private JobRecord current() {
            return desk.view().get(jobId, Duration.ZERO).orElse(first);
        }

        private synchronized void send(JobRecord r) {
            if (done || call.isCancelled()) {
                return;
            }
            JobProgress.Builder p = JobRecords.progress(r, rate(r), Instant.now()).toBuilder();
            boolean last = JobRecords.isFinal(r.getState());
            if (wantsRunning && !last) {
                running.latest(jobId).ifPresent(product -> attach(p, product));
            }
            call.onNext(p.build());
            if (last) {
                done = true;
                call.onCompleted();
                close();
            }
        }

        /** The running product, if newer than the one sent last and the client keeps up; or why there is none. */
        private void attach(JobProgress.Builder p, RunningProduct r) {
            if (!r.getOmitted().isEmpty()) {
                p.setRunningProductOmitted(r.getOmitted());
            } else if (r.getSegmentsDone() > runningSent && call.isReady()) {
                p.setRunningProduct(r.getProduct());
                runningSent = r.getSegmentsDone();
            }
        }

        private synchronized void close() {
            subscriptions.forEach(JobGrpcService::closeQuietly);
            subscriptions.clear();
        }
    }

    @Override
    @Blocking
    public void get(JobRef ref, StreamObserver<JobStatus> responses) {
        try {
            responses.onNext(JobRecords.status(owned(ref)));
            responses.onCompleted();
        } catch (RuntimeException e) {
            error(responses, "Get", e);
        }
    }

    @Override
    @Blocking
    public void cancel(JobRef ref, StreamObserver<JobStatus> responses) {
        try {
            owned(ref);
            responses.onNext(desk.cancel(ref.getJobId()));
            responses.onCompleted();
        } catch (RuntimeException e) {
            error(responses, "Cancel", e);
        }
    }

    /** The job, if the caller may touch it; NOT_FOUND for an unknown job and for another principal's. */
    private JobRecord owned(JobRef ref) {
        return BearerTokenInterceptor.caller().check(desk.record(ref.getJobId()));
    }

    /** Segments merged per second since the job started (0 before). */
    private static double rate(JobRecord r) {
        if (!r.getTimings().hasStarted() || r.getSegmentsDone() == 0) {
            return 0;
        }
        Instant end = r.getTimings().hasFinished() ? Protos.instant(r.getTimings().getFinished()) : Instant.now();
        double seconds = Duration.between(Protos.instant(r.getTimings().getStarted()), end).toNanos() / 1e9;
        return seconds > 0 ? r.getSegmentsDone() / seconds : 0;
    }

    private static void error(StreamObserver<?> responses, String call, RuntimeException e) {
        if (GrpcErrors.status(e).getCode() == io.grpc.Status.Code.INTERNAL) {
            LOG.errorf(e, "JobService.%s", call);
        }
        responses.onError(GrpcErrors.toStatus(e));
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing a watch", e);
            }
        }
    }
}
