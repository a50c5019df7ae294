package org.manta.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductPiece;

class ProductPiecesTest {
    /** gRPC's default maximum inbound message size. */
    private static final int GRPC_DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 7, 1000, ProductPieces.DEFAULT_MAX_VALUES_PER_PIECE})
    void splitThenAssembleGivesTheProductBack(int maxValues) {
        for (Product p : List.of(WireSamples.cpdsProduct(), WireSamples.dynpsProduct(), WireSamples.lcProduct())) {
            List<ProductPiece> pieces = ProductPieces.split(p, maxValues);
            assertTrue(pieces.get(0).hasHeader());
            assertEquals(0, pieces.get(0).getHeader().getFreqCount());
            assertEquals(p.getGtiList(), pieces.get(0).getHeader().getGtiList());
            for (ProductPiece piece : pieces.subList(1, pieces.size())) {
                int arrays = arraysIn(piece.getSlice().getValues());
                int values = valuesIn(piece.getSlice().getValues());
                assertTrue(values <= Math.max(maxValues, arrays), values + " values in a piece of at most " + maxValues);
            }
            assertEquals(p, ProductPieces.assemble(pieces));
        }
    }

    @Test
    void largeProductPiecesFitInAGrpcMessage() {
        int nFreq = 300_000;
        Product.Builder b = WireSamples.cpdsProduct().toBuilder().clearFreq().clearPower();
        ComplexArray.Builder power = ComplexArray.newBuilder();
        for (int i = 0; i < nFreq; i++) {
            b.addFreq((i + 1) * 0.015625);
            power.addRe(Math.sin(i)).addIm(Math.cos(i));
        }
        Product big = b.setPower(power).build();
        List<ProductPiece> pieces = ProductPieces.split(big, ProductPieces.DEFAULT_MAX_VALUES_PER_PIECE);
        assertTrue(pieces.size() > 10, "pieces: " + pieces.size());
        for (ProductPiece piece : pieces) {
            assertTrue(piece.getSerializedSize() < GRPC_DEFAULT_MAX_MESSAGE_BYTES, "piece of " + piece.getSerializedSize() + " bytes");
        }
        assertEquals(big, ProductPieces.assemble(pieces));
    }

    @Test
    void lostOrReorderedPiecesAreDetected() {
        List<ProductPiece> pieces = ProductPieces.split(WireSamples.cpdsProduct(), 4);
        List<ProductPiece> lost = new ArrayList<>(pieces);
        lost.remove(2);
        var e = assertThrows(IllegalArgumentException.class, () -> ProductPieces.assemble(lost));
        assertTrue(e.getMessage().contains("continues at offset 2 but 1 values were received"), e.getMessage());

        List<ProductPiece> swapped = new ArrayList<>(pieces);
        Collections.swap(swapped, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> ProductPieces.assemble(swapped));

        assertThrows(IllegalArgumentException.class, () -> ProductPieces.assemble(pieces.subList(1, pieces.size())));
        assertThrows(IllegalArgumentException.class, () -> ProductPieces.assemble(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ProductPieces.split(WireSamples.cpdsProduct(), 0));
    }

    private static int valuesIn(Product p) {
        return p.getFreqCount() + p.getPower().getReCount() + p.getPower().getImCount()
                + p.getPowerErr().getReCount() + p.getPowerErr().getImCount()
                + p.getUnnormPower().getReCount() + p.getUnnormPower().getImCount()
                + p.getUnnormPowerErr().getReCount() + p.getUnnormPowerErr().getImCount()
                + p.getPds1PowerCount() + p.getPds2PowerCount() + p.getTimeLagCount() + p.getTimeLagErrCount()
                + p.getPhaseLagCount() + p.getPhaseLagErrCount() + p.getRawCoherenceCount() + p.getRawCoherenceErrCount()
                + p.getTimeCount() + p.getDynPsCount() + p.getCountsCount() + p.getCountsErrCount();
    }

    private static int arraysIn(Product p) {
        int[] counts = {p.getFreqCount(), p.getPower().getReCount(), p.getPower().getImCount(),
                p.getPowerErr().getReCount(), p.getPowerErr().getImCount(),
                p.getUnnormPower().getReCount(), p.getUnnormPower().getImCount(),
                p.getUnnormPowerErr().getReCount(), p.getUnnormPowerErr().getImCount(),
                p.getPds1PowerCount(), p.getPds2PowerCount(), p.getTimeLagCount(), p.getTimeLagErrCount(),
                p.getPhaseLagCount(), p.getPhaseLagErrCount(), p.getRawCoherenceCount(), p.getRawCoherenceErrCount(),
                p.getTimeCount(), p.getDynPsCount(), p.getCountsCount(), p.getCountsErrCount()};
        int n = 0;
        for (int c : counts) {
            n += c > 0 ? 1 : 0;
        }
        return n;
    }
}
