package org.manta.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Serialised samples of released wire versions keep parsing (style.md §4).
 *
 * <p>{@code src/test/resources/wire/v<N>/<Type>[-variant].binpb} holds the bytes, {@code .txtpb} the
 * same message in protobuf text format, both written once from {@link WireSamples} when version N was
 * current and never edited. Parsing the bytes with today's classes must give exactly what the text
 * (which names the fields) says: a renumbered field, a changed type or a removed field fails here.
 * To add the samples of a new message or version: {@code ./mvnw -pl proto test
 * -Dtest=WireCompatibilityTest#writeMissingSamples -Dmanta.wire.write=true}.
 */
class WireCompatibilityTest {
    private static final String ROOT = "/wire";

    @TestFactory
    Stream<DynamicTest> storedSamplesStillParse() throws IOException, URISyntaxException {
        Path root = Path.of(WireCompatibilityTest.class.getResource(ROOT).toURI());
        List<Path> binaries;
        try (Stream<Path> files = Files.walk(root)) {
            binaries = files.filter(p -> p.toString().endsWith(".binpb")).sorted().toList();
        }
        assertTrue(binaries.size() >= WireSamples.all().size(), "samples stored: " + binaries.size());
        return binaries.stream().map(bin -> DynamicTest.dynamicTest(root.relativize(bin).toString(), () -> {
            Message type = typeOf(bin.getFileName().toString());
            Message fromBytes = type.getParserForType().parseFrom(Files.readAllBytes(bin));
            assertEquals(List.of(), unknownFields(fromBytes, ""), "fields this version no longer knows");

            Path txt = bin.resolveSibling(bin.getFileName().toString().replace(".binpb", ".txtpb"));
            Message.Builder fromText = type.newBuilderForType();
            TextFormat.merge(Files.readString(txt, StandardCharsets.UTF_8), fromText);
            assertEquals(fromText.build(), fromBytes);

            FieldDescriptor version = type.getDescriptorForType().findFieldByName("format_version");
            if (version != null) {
                int stored = (Integer) fromBytes.getField(version);
                assertEquals("v" + stored, bin.getParent().getFileName().toString(), "format_version matches the directory");
                RecordFormat.requireReadable(stored, type.getDescriptorForType().getFullName());
            }
        }));
    }

    @Test
    void currentVersionHasASampleOfEveryMessage() {
        for (String name : WireSamples.all().keySet()) {
            String path = ROOT + "/v" + RecordFormat.CURRENT + "/" + name + ".binpb";
            assertTrue(WireCompatibilityTest.class.getResource(path) != null, "missing " + path);
        }
    }

    /** Writes the samples of the current version that are not stored yet; never overwrites. */
    @Test
    @EnabledIfSystemProperty(named = "manta.wire.write", matches = "true")
    void writeMissingSamples() throws IOException {
        Path dir = Path.of("src/test/resources/wire/v" + RecordFormat.CURRENT);
        Files.createDirectories(dir);
        for (Map.Entry<String, Message> e : WireSamples.all().entrySet()) {
            Path bin = dir.resolve(e.getKey() + ".binpb");
            if (!Files.exists(bin)) {
                Files.write(bin, e.getValue().toByteArray());
                Files.writeString(dir.resolve(e.getKey() + ".txtpb"),
                        "# manta.v1." + e.getValue().getDescriptorForType().getName() + "\n"
                                + TextFormat.printer().printToString(e.getValue()), StandardCharsets.UTF_8);
            }
        }
    }

    /** The message type of a sample file: its name up to the first '-' or '.'. */
    private static Message typeOf(String fileName) {
        Map<String, Message> types = new HashMap<>();
        for (Message m : WireSamples.all().values()) {
            types.put(m.getDescriptorForType().getName(), m.getDefaultInstanceForType());
        }
        String name = fileName.split("[-.]", 2)[0];
        Message type = types.get(name);
        if (type == null) {
            throw new IllegalArgumentException("sample " + fileName + ": unknown message type " + name);
        }
        return type;
    }

    private static List<String> unknownFields(Message m, String path) {
        List<String> out = new ArrayList<>();
        if (!m.getUnknownFields().asMap().isEmpty()) {
            out.add(path + m.getDescriptorForType().getName() + " " + m.getUnknownFields().asMap().keySet());
        }
        for (Map.Entry<FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
            if (f.getKey().getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                List<?> values = f.getKey().isRepeated() ? (List<?>) f.getValue() : List.of(f.getValue());
                for (Object v : values) {
                    out.addAll(unknownFields((Message) v, path + f.getKey().getName() + "."));
                }
            }
        }
        return out;
    }
}
