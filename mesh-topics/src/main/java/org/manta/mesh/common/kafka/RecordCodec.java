package org.manta.mesh.common.kafka;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductRecord;
import org.manta.proto.v1.ReducerState;
import org.manta.proto.v1.RunningProduct;
import org.manta.proto.v1.WorkUnit;

/**
 * Reads record values of the mesh topics and state stores, checking {@code format_version}
 * ({@link RecordFormat#requireReadable}). Writing is {@code message.toByteArray()} with
 * {@code format_version = RecordFormat.CURRENT}.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    public static JobInput input(byte[] value) {
        return parse(value, JobInput.parser());
    }

    public static WorkUnit unit(byte[] value) {
        return parse(value, WorkUnit.parser());
    }

    public static PartialAccumulator partial(byte[] value) {
        return parse(value, PartialAccumulator.parser());
    }

    public static ExpectedCount expected(byte[] value) {
        return parse(value, ExpectedCount.parser());
    }

    public static JobRecord job(byte[] value) {
        return parse(value, JobRecord.parser());
    }

    public static ProductRecord product(byte[] value) {
        return parse(value, ProductRecord.parser());
    }

    public static RunningProduct running(byte[] value) {
        return parse(value, RunningProduct.parser());
    }


    public static ReducerState reducerState(byte[] value) {
        return parse(value, ReducerState.parser());
    }

    /**
     * Parses a record value and checks its {@code format_version}.
     *
     * @throws BadRecordException naming the message type and the problem
     */
    public static <M extends Message> M parse(byte[] value, Parser<M> parser) {
        M message;
        try {
            message = parser.parseFrom(value == null ? new byte[0] : value);
        } catch (InvalidProtocolBufferException e) {
            throw new BadRecordException("cannot parse a record value (" + (value == null ? 0 : value.length)
                    + " bytes): " + e.getMessage(), e);
        }
        FieldDescriptor version = message.getDescriptorForType().findFieldByName("format_version");
        String name = message.getDescriptorForType().getFullName();
        try {
            RecordFormat.requireReadable((Integer) message.getField(version), name);
        } catch (IllegalArgumentException e) {
            throw new BadRecordException(e.getMessage(), e);
        }
        return message;
    }
}
