package org.manta.mesh.common.auth;

import java.util.Locale;
import org.manta.core.InvalidParameterException;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.proto.v1.JobRecord;

/**
 * An authenticated client: its principal (the owner written on the jobs it submits) and its role.
 *
 * @param principal a non-blank name, e.g. {@code alice}
 */
public record Caller(String principal, Role role) {
    /** What a caller may do: {@code USER} touches its own jobs, {@code ADMIN} every job. */
    public enum Role {
        USER, ADMIN;

        /** {@code user} or {@code admin} (any case). */
        public static Role parse(String what, String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(what, value, "user or admin");
            }
        }
    }

    public Caller {
        if (principal == null || principal.isBlank()) {
            throw new InvalidParameterException("principal", principal, "a non-blank name");
        }
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** True for an admin, and for the principal that submitted the job (jobs from before owners: admins only). */
    public boolean mayAccess(JobRecord job) {
        return isAdmin() || (!job.getOwner().isEmpty() && job.getOwner().equals(principal));
    }

    /**
     * The job, if this caller may see it. Another principal's job reads as unknown
     * ({@link JobNotFoundException}, gRPC NOT_FOUND), so ids of other users' jobs are not even confirmed.
     */
    public JobRecord check(JobRecord job) {
        if (!mayAccess(job)) {
            throw new JobNotFoundException(job.getJobId());
        }
        return job;
    }
}
