package org.manta.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.manta.core.BadEventFileException;

/**
 * Raw rows of one binary table, read in blocks into a reusable big-endian buffer: positional
 * {@link FileChannel} reads for plain files, a sequential (re-openable) gzip stream for compressed
 * ones. Holds at most one block.
 */
abstract class RowSource implements Closeable {
    final Path file;
    final long dataOffset;
    final int rowBytes;
    final long rows;
    private ByteBuffer buffer;

    RowSource(Path file, long dataOffset, int rowBytes, long rows) {
        this.file = file;
        this.dataOffset = dataOffset;
        this.rowBytes = rowBytes;
        this.rows = rows;
    }

    static RowSource open(Path file, boolean gzip, Hdu table) throws IOException {
        return gzip
                ? new Gzip(file, table.dataOffset(), table.rowBytes(), table.rows())
                : new Plain(file, table.dataOffset(), table.rowBytes(), table.rows());
    }

    /**
     * Rows {@code first .. first+count-1}, in a big-endian buffer whose position 0 is the start of row
     * {@code first}. The buffer is reused by the next call.
     */
    final ByteBuffer read(long first, int count) throws IOException {
        int bytes = Math.multiplyExact(count, rowBytes);
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = allocate(bytes).order(ByteOrder.BIG_ENDIAN);
        }
        buffer.clear().limit(bytes);
        fill(buffer, dataOffset + first * rowBytes);
        buffer.flip();
        if (buffer.limit() < bytes) {
            throw new BadEventFileException(file, "file is truncated: row " + (first + buffer.limit() / rowBytes)
                    + " of " + rows + " is missing");
        }
        return buffer;
    }

    /** A buffer this source can fill. */
    abstract ByteBuffer allocate(int bytes);

    /** Fills {@code dst} from byte {@code position} of the uncompressed stream (stops early at EOF). */
    abstract void fill(ByteBuffer dst, long position) throws IOException;

    static final class Plain extends RowSource {
        private final FileChannel channel;

        Plain(Path file, long dataOffset, int rowBytes, long rows) throws IOException {
            super(file, dataOffset, rowBytes, rows);
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        /** Direct: the channel reads straight into it, without the JDK's intermediate copy. */
        @Override
        ByteBuffer allocate(int bytes) {
            return ByteBuffer.allocateDirect(bytes);
        }

        @Override
        void fill(ByteBuffer dst, long position) throws IOException {
            long p = position;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, p);
                if (n < 0) {
                    return;
                }
                p += n;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static final class Gzip extends RowSource {
        private InputStream in;
        private long position;

        Gzip(Path file, long dataOffset, int rowBytes, long rows) {
            super(file, dataOffset, rowBytes, rows);
        }

        /** On the heap: the inflater writes into its array. */
        @Override
        ByteBuffer allocate(int bytes) {
            return ByteBuffer.allocate(bytes);
        }

        @Override
        void fill(ByteBuffer dst, long target) throws IOException {
            if (in == null || target < position) {
                close();
                in = FitsScan.open(file, true);
                position = 0;
            }
            in.skipNBytes(target - position);
            position = target;
            int n = in.readNBytes(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            dst.position(dst.position() + n);
            position += n;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }
}
