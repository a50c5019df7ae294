package org.manta.proto;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Internal;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductSlice;

/**
 * Splits a {@link Product} into the pieces that {@code ProductService.Get} streams and that
 * {@code manta.products} stores, and puts them back together (the protocol is documented on
 * {@code ProductPiece} in {@code products.proto}).
 *
 * <p>An <em>array</em> is every repeated {@code double} field of {@link Product} and the {@code re}
 * and {@code im} parts of every {@link ComplexArray} field; it is found from the message descriptor,
 * so an array field added to {@code Product} later is split without changes here. {@code gti},
 * {@code dyn_ps_shape} and {@code provenance} stay in the header. Arrays of equal length travel in the
 * same slices (they share the offset); a slice holds at most {@code maxValuesPerPiece} values
 * (at least one value of each of its arrays).
 */
public final class ProductPieces {
    /** 65,536 doubles (512 KiB) per piece: far below gRPC's default 4 MiB message limit. */
    public static final int DEFAULT_MAX_VALUES_PER_PIECE = 65_536;

    private ProductPieces() {
    }

    /**
     * Cuts a product into a header piece followed by slices.
     *
     * @param product           the product (not modified)
     * @param maxValuesPerPiece most array values per slice, at least 1
     * @return the pieces in sending order; the first is the header
     */
    public static List<ProductPiece> split(Product product, int maxValuesPerPiece) {
        if (maxValuesPerPiece < 1) {
            throw new IllegalArgumentException("maxValuesPerPiece " + maxValuesPerPiece + ": expected at least 1");
        }
        List<ArrayRef> arrays = arrays();
        Product.Builder header = product.toBuilder();
        for (ArrayRef a : arrays) {
            header.clearField(a.field);
        }
        List<ProductPiece> pieces = new ArrayList<>();
        pieces.add(ProductPiece.newBuilder().setHeader(header).build());

        Map<Integer, List<ArrayRef>> byLength = new LinkedHashMap<>();
        for (ArrayRef a : arrays) {
            int length = a.values(product).size();
            if (length > 0) {
                byLength.computeIfAbsent(length, k -> new ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<Integer, List<ArrayRef>> group : byLength.entrySet()) {
            int length = group.getKey();
            int step = Math.max(1, maxValuesPerPiece / group.getValue().size());
            for (int offset = 0; offset < length; offset += step) {
                int end = Math.min(length, offset + step);
                pieces.add(ProductPiece.newBuilder()
                        .setSlice(ProductSlice.newBuilder().setOffset(offset)
                                .setValues(slice(product, group.getValue(), offset, end)))
                        .build());
            }
        }
        return pieces;
    }

    /**
     * Reassembles a product from its pieces, in the order they were sent.
     *
     * @throws IllegalArgumentException if the first piece is not a header, a later piece is not a
     *                                  slice, or a slice does not continue its arrays where they end
     *                                  (a piece was lost, repeated or reordered)
     */
    public static Product assemble(Iterable<ProductPiece> pieces) {
        Iterator<ProductPiece> it = pieces.iterator();
        ProductPiece first = it.hasNext() ? it.next() : ProductPiece.getDefaultInstance();
        if (!first.hasHeader()) {
            throw new IllegalArgumentException("product pieces: expected a header piece first, got " + first.getPieceCase());
        }
        Product.Builder product = first.getHeader().toBuilder();
        List<ArrayRef> arrays = arrays();
        Map<String, Integer> received = new HashMap<>();
        for (ArrayRef a : arrays) {
            received.put(a.name, a.values(first.getHeader()).size());
        }
        for (int index = 1; it.hasNext(); index++) {
            ProductPiece piece = it.next();
            if (!piece.hasSlice()) {
                throw new IllegalArgumentException("product piece " + index + ": expected a slice, got " + piece.getPieceCase());
            }
            ProductSlice slice = piece.getSlice();
            for (ArrayRef a : arrays) {
                int count = a.values(slice.getValues()).size();
                if (count > 0) {
                    int have = received.get(a.name);
                    if (have != slice.getOffset()) {
                        throw new IllegalArgumentException("product piece " + index + ": array " + a.name
                                + " continues at offset " + slice.getOffset() + " but " + have + " values were received");
                    }
                    received.put(a.name, have + count);
                }
            }
            product.mergeFrom(slice.getValues());
        }
        return product.build();
    }

    /**
     * The values [from, to) of {@code arrays} as a Product: written in the wire format (packed doubles; the two
     * parts of a complex array as two occurrences of its field, which a parser merges) and parsed back, since
     * setting a field value by value through the descriptor costs a reflective call per value (about 0.5 s
     * for the four arrays of a 131,072-frequency power spectrum in a fresh JVM).
     */
    private static Product slice(Product product, List<ArrayRef> arrays, int from, int to) {
        int size = 0;
        for (ArrayRef a : arrays) {
            size += a.size(from, to);
        }
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (ArrayRef a : arrays) {
                a.write(out, a.values(product), from, to);
            }
            out.checkNoSpaceLeft();
            return Product.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a product slice did not parse back", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of a length-delimited field: its tag, its length and {@code payload} bytes. */
    private static int lengthDelimited(int fieldNumber, int payload) {
        return CodedOutputStream.computeTagSize(fieldNumber) + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload;
    }

    /** The arrays of {@link Product}, from its descriptor. */
    private static List<ArrayRef> arrays() {
        List<ArrayRef> arrays = new ArrayList<>();
        for (FieldDescriptor f : Product.getDescriptor().getFields()) {
            if (f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.DOUBLE) {
                arrays.add(new ArrayRef(f, null, f.getName()));
            } else if (!f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && f.getMessageType().equals(ComplexArray.getDescriptor())) {
                for (FieldDescriptor part : ComplexArray.getDescriptor().getFields()) {
                    arrays.add(new ArrayRef(f, part, f.getName() + "." + part.getName()));
                }
            }
        }
        return arrays;
    }

    /** A repeated double field of Product, or one part ({@code re}/{@code im}) of a ComplexArray field. */
    private record ArrayRef(FieldDescriptor field, FieldDescriptor part, String name) {
        @SuppressWarnings("unchecked")
        List<Double> values(Product product) {
            if (part == null) {
                return (List<Double>) product.getField(field);
            }
            Message complex = (Message) product.getField(field);
            return (List<Double>) complex.getField(part);
        }

        /** Bytes of this array's values [from, to) as a {@link Product} field, packed (wire format). */
        int size(int from, int to) {
            int packed = lengthDelimited((part == null ? field : part).getNumber(), 8 * (to - from));
            return part == null ? packed : lengthDelimited(field.getNumber(), packed);
        }

        void write(CodedOutputStream out, List<Double> values, int from, int to) throws IOException {
            int payload = 8 * (to - from);
            if (part != null) {
                out.writeTag(field.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(lengthDelimited(part.getNumber(), payload));
            }
            out.writeTag((part == null ? field : part).getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(payload);
            if (values instanceof Internal.DoubleList d) {
                for (int i = from; i < to; i++) {
                    out.writeDoubleNoTag(d.getDouble(i));
                }
            } else {
                for (int i = from; i < to; i++) {
                    out.writeDoubleNoTag(values.get(i));
                }
            }
        }
    }
}
