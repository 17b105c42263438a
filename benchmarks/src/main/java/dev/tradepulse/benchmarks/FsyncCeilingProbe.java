package dev.tradepulse.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue #5: the machine's own ceiling for group commit. Eight threads each write a 330-byte
 * line and wait for an fsync covering it, with the same leader/follower scheme as the journal
 * but no encoding, hashing or checkpoints: what is left is the disk. {@code append} grows the
 * file as the journal does; {@code pre} writes into a zero-filled, already-synced file, so that
 * {@code fdatasync} has no size or allocation to commit.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.FsyncCeilingProbe append|pre [threads] [seconds]</pre>
 */
public final class FsyncCeilingProbe {

    private final Object chain = new Object();
    private final Object commits = new Object();
    private final FileChannel channel;
    private final boolean preallocated;
    private long position;
    private long written;
    private long durable;
    private boolean syncing;

    private FsyncCeilingProbe(FileChannel channel, boolean preallocated) {
        this.channel = channel;
        this.preallocated = preallocated;
    }

    public static void main(String[] args) throws Exception {
        boolean pre = args.length > 0 && args[0].equals("pre");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path file = Files.createTempFile("fsync-probe", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (pre) {
                ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
                for (int i = 0; i < 512; i++) {
                    zeros.clear();
                    channel.write(zeros);
                }
                channel.force(true);
            }
            FsyncCeilingProbe probe = new FsyncCeilingProbe(channel, pre);
            LongAdder events = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> {
                    ByteBuffer line = ByteBuffer.allocate(330);
                    try {
                        while (!stop.get()) {
                            probe.commit(probe.write(line));
                            events.increment();
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                workers[t].start();
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            System.out.printf(java.util.Locale.ROOT, "%s, %d threads: %d durable events/s%n",
                    pre ? "preallocated" : "appending", threads, events.sum() / seconds);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private long write(ByteBuffer line) throws IOException {
        synchronized (chain) {
            line.clear();
            if (preallocated) {
                channel.write(line, position);
            } else {
                channel.write(line);
            }
            position += line.capacity();
            return ++written;
        }
    }

    private void commit(long ticket) throws IOException, InterruptedException {
        synchronized (commits) {
            while (durable < ticket) {
                if (!syncing) {
                    syncing = true;
                    break;
                }
                commits.wait();
            }
            if (durable >= ticket) {
                return;
            }
        }
        long target;
        synchronized (chain) {
            target = written;
        }
        try {
            channel.force(false);
        } finally {
            synchronized (commits) {
                durable = Math.max(durable, target);
                syncing = false;
                commits.notifyAll();
            }
        }
    }
}
