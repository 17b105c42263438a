package dev.tradepulse.trading;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tracker's state at one moment, as plain fields, and its payload format. Filled under the
 * tracker's lock (or an optimistic read that is validated afterwards), encoded outside it.
 *
 * <p>Payload version 1, big-endian ({@link DataOutputStream}): the magic {@code TPTR}, the strategy
 * name, the zone id, the lost-budget flag; the equity days (started, equity, previous close, day
 * open, first close, have-close, day number, peak, peak second, last second, max drawdown, last
 * snapshot as seconds and nanos); the daily returns (count, mean, M2, downside squares, VaR,
 * parametric VaR, CVaR, window capacity, window mean and M2, then the window oldest first); the
 * trade counts; the trade tape (truncated flag, then close second and P&amp;L, oldest first); the
 * equity history (resolution, closes, bucket, bucket last, per-minute highs); the open positions;
 * the last decision. Nothing follows. A record that does not decode, or decodes to values no tracker
 * could hold, is damaged.
 *
 * <p>Not thread-safe: a working copy confined to the thread that saves or restores.
 */
final class TrackerImage {

    static final int VERSION = 1;
    private static final int MAGIC = 0x54505452; // "TPTR"
    /** Bounds on decoded lengths: nothing a valid 1 MiB record could hold more of. */
    private static final int MAX_ITEMS = 1 << 17;

    String strategy = "";
    String zone = "";
    boolean budgetLost;

    boolean started;
    double equity;
    double prevClose;
    double dayOpen;
    double firstClose;
    boolean haveClose;
    long day;
    double peak;
    long peakAtSecond;
    long lastAtSecond;
    double maxDrawdown;
    Instant lastAt = Instant.MIN;

    long returnsCount;
    double returnsMean;
    double returnsM2;
    double downsideSquares;
    double var95 = Double.NaN;
    double parametricVar95 = Double.NaN;
    double cvar95 = Double.NaN;
    int windowCapacity;
    double windowMean;
    double windowM2;
    double[] window = new double[0];

    long trades;
    long wins;
    long losses;
    double grossProfit;
    double grossLoss;
    double realizedPnl;
    int winStreak;
    int lossStreak;
    int longestWinStreak;
    int longestLossStreak;

    boolean tapeTruncated;
    long[] tapeTimes = new long[0];
    double[] tapePnl = new double[0];

    long resolutionSeconds;
    double[] closes = new double[0];
    long bucket;
    double bucketLast;
    long[] minutes = new long[0];
    double[] minuteHighs = new double[0];

    List<Position> positions = List.of();
    @Nullable Instant lastDecision;

    /** The generation this image was taken at (not saved: a restored tracker counts from 0). */
    long generation;

    /** @throws IOException if a string is too long for the format (over 65,535 bytes) */
    byte[] encode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096 + tapeTimes.length * 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(strategy);
            out.writeUTF(zone);
            out.writeBoolean(budgetLost);

            out.writeBoolean(started);
            out.writeDouble(equity);
            out.writeDouble(prevClose);
            out.writeDouble(dayOpen);
            out.writeDouble(firstClose);
            out.writeBoolean(haveClose);
            out.writeLong(day);
            out.writeDouble(peak);
            out.writeLong(peakAtSecond);
            out.writeLong(lastAtSecond);
            out.writeDouble(maxDrawdown);
            out.writeLong(lastAt.getEpochSecond());
            out.writeInt(lastAt.getNano());

            out.writeLong(returnsCount);
            out.writeDouble(returnsMean);
            out.writeDouble(returnsM2);
            out.writeDouble(downsideSquares);
            out.writeDouble(var95);
            out.writeDouble(parametricVar95);
            out.writeDouble(cvar95);
            out.writeInt(windowCapacity);
            out.writeDouble(windowMean);
            out.writeDouble(windowM2);
            writeDoubles(out, window);

            out.writeLong(trades);
            out.writeLong(wins);
            out.writeLong(losses);
            out.writeDouble(grossProfit);
            out.writeDouble(grossLoss);
            out.writeDouble(realizedPnl);
            out.writeInt(winStreak);
            out.writeInt(lossStreak);
            out.writeInt(longestWinStreak);
            out.writeInt(longestLossStreak);

            out.writeBoolean(tapeTruncated);
            out.writeInt(tapeTimes.length);
            for (int i = 0; i < tapeTimes.length; i++) {
                out.writeLong(tapeTimes[i]);
                out.writeDouble(tapePnl[i]);
            }

            out.writeLong(resolutionSeconds);
            writeDoubles(out, closes);
            out.writeLong(bucket);
            out.writeDouble(bucketLast);
            out.writeInt(minutes.length);
            for (int i = 0; i < minutes.length; i++) {
                out.writeLong(minutes[i]);
                out.writeDouble(minuteHighs[i]);
            }

            out.writeInt(positions.size());
            for (Position p : positions) {
                out.writeUTF(p.symbol());
                out.writeUTF(p.side().name());
                out.writeDouble(p.quantity());
                out.writeDouble(p.entryPrice());
                out.writeDouble(p.markPrice());
                out.writeDouble(p.liquidationPrice());
            }

            Instant decided = lastDecision;
            out.writeBoolean(decided != null);
            if (decided != null) {
                out.writeLong(decided.getEpochSecond());
                out.writeInt(decided.getNano());
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a version-1 payload.
     *
     * @throws IllegalArgumentException naming what is wrong, for a payload that is not a whole,
     *     plausible tracker state
     */
    static TrackerImage decode(byte[] payload) {
        TrackerImage img = new TrackerImage();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a tracker state (no TPTR magic)");
            }
            img.strategy = in.readUTF();
            img.zone = in.readUTF();
            img.budgetLost = in.readBoolean();

            img.started = in.readBoolean();
            img.equity = in.readDouble();
            img.prevClose = in.readDouble();
            img.dayOpen = in.readDouble();
            img.firstClose = in.readDouble();
            img.haveClose = in.readBoolean();
            img.day = in.readLong();
            img.peak = in.readDouble();
            img.peakAtSecond = in.readLong();
            img.lastAtSecond = in.readLong();
            img.maxDrawdown = in.readDouble();
            img.lastAt = Instant.ofEpochSecond(in.readLong(), in.readInt());

            img.returnsCount = in.readLong();
            img.returnsMean = in.readDouble();
            img.returnsM2 = in.readDouble();
            img.downsideSquares = in.readDouble();
            img.var95 = in.readDouble();
            img.parametricVar95 = in.readDouble();
            img.cvar95 = in.readDouble();
            img.windowCapacity = in.readInt();
            img.windowMean = in.readDouble();
            img.windowM2 = in.readDouble();
            img.window = readDoubles(in, "window");

            img.trades = in.readLong();
            img.wins = in.readLong();
            img.losses = in.readLong();
            img.grossProfit = in.readDouble();
            img.grossLoss = in.readDouble();
            img.realizedPnl = in.readDouble();
            img.winStreak = in.readInt();
            img.lossStreak = in.readInt();
            img.longestWinStreak = in.readInt();
            img.longestLossStreak = in.readInt();

            img.tapeTruncated = in.readBoolean();
            int tape = length(in.readInt(), "trade tape");
            img.tapeTimes = new long[tape];
            img.tapePnl = new double[tape];
            for (int i = 0; i < tape; i++) {
                img.tapeTimes[i] = in.readLong();
                img.tapePnl[i] = finite(in.readDouble(), "a trade's P&L");
            }

            img.resolutionSeconds = in.readLong();
            img.closes = readDoubles(in, "equity curve");
            img.bucket = in.readLong();
            img.bucketLast = in.readDouble();
            int minuteCount = length(in.readInt(), "minute highs");
            img.minutes = new long[minuteCount];
            img.minuteHighs = new double[minuteCount];
            for (int i = 0; i < minuteCount; i++) {
                img.minutes[i] = in.readLong();
                img.minuteHighs[i] = finite(in.readDouble(), "a minute's high");
            }

            int positionCount = length(in.readInt(), "positions");
            List<Position> positions = new ArrayList<>(positionCount);
            for (int i = 0; i < positionCount; i++) {
                String symbol = in.readUTF();
                Side side = Side.valueOf(in.readUTF());
                positions.add(new Position(symbol, side, in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble()));
            }
            img.positions = List.copyOf(positions);

            if (in.readBoolean()) {
                img.lastDecision = Instant.ofEpochSecond(in.readLong(), in.readInt());
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("bytes follow the tracker state");
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("the tracker state ends early");
        } catch (IOException e) {
            throw new IllegalArgumentException("the tracker state does not decode (" + e.getClass().getSimpleName() + ")");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("an instant out of range in the tracker state");
        }
        img.check();
        return img;
    }

    /** Values no live tracker could hold: the record is damaged even if its checksum matched. */
    private void check() {
        if (started) {
            positive(equity, "equity");
            positive(dayOpen, "today's opening equity");
            positive(peak, "peak equity");
            if (haveClose) {
                positive(prevClose, "the previous close");
                positive(firstClose, "the first close");
            }
        }
        if (!(maxDrawdown >= 0 && maxDrawdown <= 1)) {
            throw new IllegalArgumentException("max drawdown out of range: " + maxDrawdown);
        }
        if (returnsCount < 0 || trades < 0 || wins < 0 || losses < 0 || wins + losses > trades
                || winStreak < 0 || lossStreak < 0 || longestWinStreak < 0 || longestLossStreak < 0) {
            throw new IllegalArgumentException("a negative or inconsistent count");
        }
        finite(returnsMean, "the mean daily return");
        finite(realizedPnl, "the realised P&L");
        if (windowCapacity < 1 || window.length > windowCapacity) {
            throw new IllegalArgumentException("a VaR window of " + window.length + " in a capacity of " + windowCapacity);
        }
        for (double r : window) {
            finite(r, "a daily return");
        }
        if (resolutionSeconds < 1) {
            throw new IllegalArgumentException("an equity curve resolution of " + resolutionSeconds + " s");
        }
        for (double c : closes) {
            positive(c, "an equity curve point");
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in, String what) throws IOException {
        double[] out = new double[length(in.readInt(), what)];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.readDouble();
        }
        return out;
    }

    private static int length(int n, String what) {
        if (n < 0 || n > MAX_ITEMS) {
            throw new IllegalArgumentException("a " + what + " length out of range: " + n);
        }
        return n;
    }

    private static double finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is not finite: " + v);
        }
        return v;
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is not a positive finite number: " + v);
        }
    }
}
