package org.manta.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.manta.proto.v1.CommonProto;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobsProto;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductsProto;
import org.manta.proto.v1.RecordsProto;
import org.manta.proto.v1.StateProto;

/** Builds, serialises and parses one sample of every wire message (proves the codegen, documents the wire). */
class WireRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everySampleSurvivesSerialisation() {
        return WireSamples.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Message sample = e.getValue();
            byte[] bytes = sample.toByteArray();
            Message parsed = sample.getParserForType().parseFrom(bytes);
            assertEquals(sample, parsed);
            assertEquals(bytes.length, parsed.getSerializedSize());
            assertTrue(parsed.getUnknownFields().asMap().isEmpty(), "no unknown fields");
        }));
    }

    @Test
    void numbersTravelBitForBit() throws InvalidProtocolBufferException {
        EventChunk chunk = EventChunk.parseFrom(WireSamples.eventChunk().toByteArray());
        assertEquals(Double.doubleToRawLongBits(80000000.23635569), Double.doubleToRawLongBits(chunk.getTime(0)));
        assertEquals(List.of(174, 786, 160), chunk.getPiList());
        assertEquals(RecordFormat.CURRENT, chunk.getFormatVersion());

        Product product = Product.parseFrom(WireSamples.cpdsProduct().toByteArray());
        assertTrue(Double.isNaN(product.getRawCoherence(2)), "NaN survives");
        assertEquals(0.5890486225480862, product.getPhaseLag(1));
        assertEquals(-1.75, product.getUnnormPower().getRe(1));
        assertEquals(3, product.getPower().getImCount());

        JobSpec spec = JobSpec.parseFrom(WireSamples.jobSpec().toByteArray());
        assertEquals(Double.POSITIVE_INFINITY, spec.getBand2().getHi());
        assertEquals(0.0078125, spec.getDt());

        PartialAccumulator partial = PartialAccumulator.parseFrom(WireSamples.cpdsPartial().toByteArray());
        assertEquals(List.of(0L, 3L, 5L, 6L), partial.getSegmentRangesList());
        assertEquals(199.0, partial.getNphots2Sum());
    }

    @Test
    void optionalJobSpecFieldsKeepPresence() throws InvalidProtocolBufferException {
        // use_common_mean defaults to TRUE in Stingray: "unset" must be distinguishable from "false".
        JobSpec unset = JobSpec.parseFrom(JobSpec.newBuilder().setDt(1).build().toByteArray());
        assertFalse(unset.hasUseCommonMean());
        assertFalse(unset.hasSegmentSize());
        JobSpec explicitFalse = JobSpec.parseFrom(JobSpec.newBuilder().setDt(1).setUseCommonMean(false).build().toByteArray());
        assertTrue(explicitFalse.hasUseCommonMean());
        assertFalse(explicitFalse.getUseCommonMean());
    }

    /** The samples are the wire's documentation: together they set every field of every manta.v1 message. */
    @Test
    void samplesSetEveryField() {
        Set<String> all = new TreeSet<>();
        for (FileDescriptor file : List.of(CommonProto.getDescriptor(), JobsProto.getDescriptor(),
                ProductsProto.getDescriptor(), RecordsProto.getDescriptor(), StateProto.getDescriptor())) {
            for (Descriptor type : file.getMessageTypes()) {
                type.getFields().forEach(f -> all.add(f.getFullName()));
            }
        }
        Set<String> seen = new TreeSet<>();
        Deque<Message> todo = new ArrayDeque<>(WireSamples.all().values());
        while (!todo.isEmpty()) {
            Message m = todo.pop();
            for (Map.Entry<FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
                seen.add(f.getKey().getFullName());
                if (f.getKey().getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    if (f.getKey().isRepeated()) {
                        ((List<?>) f.getValue()).forEach(v -> todo.push((Message) v));
                    } else {
                        todo.push((Message) f.getValue());
                    }
                }
            }
        }
        all.removeAll(seen);
        assertEquals(Set.of(), all, "fields no sample sets");
    }
}
