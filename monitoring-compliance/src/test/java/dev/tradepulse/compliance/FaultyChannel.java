package dev.tradepulse.compliance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real file channel with faults: {@code force} fails once {@code failing} is set, and writes fail
 * once a byte budget is spent (a full disk).
 */
final class FaultyChannel extends FileChannel {
    private final FileChannel real;
    private final AtomicBoolean failing;
    private final java.util.concurrent.atomic.AtomicInteger forces;
    private final AtomicLong writeBudget;

    FaultyChannel(FileChannel real, AtomicBoolean failing) {
        this(real, failing, new java.util.concurrent.atomic.AtomicInteger());
    }

    FaultyChannel(FileChannel real, AtomicBoolean failing, java.util.concurrent.atomic.AtomicInteger forces) {
        this(real, failing, forces, new AtomicLong(Long.MAX_VALUE));
    }

    FaultyChannel(FileChannel real, AtomicBoolean failing, java.util.concurrent.atomic.AtomicInteger forces,
            AtomicLong writeBudget) {
        this.writeBudget = writeBudget;
        this.real = real;
        this.failing = failing;
        this.forces = forces;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        spend(src.remaining());
        return real.write(src);
    }

    private void spend(long bytes) throws IOException {
        if (writeBudget.addAndGet(-bytes) < 0) {
            throw new IOException("No space left on device");
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long p) throws IOException {
        real.position(p);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failing.get()) {
            throw new IOException("EIO: injected fsync failure");
        }
        real.force(metaData);
        forces.incrementAndGet();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        spend(src.remaining());
        return real.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
