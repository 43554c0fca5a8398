package io.socketee.bench.load;

/** A log-linear histogram of non-negative nanosecond values, about 1.6% precision, for percentiles. */
final class Histogram {
    private static final int LINEAR = 128;
    private static final int SUB = 64;
    private final long[] counts = new long[LINEAR + (63 - 7 + 1) * SUB];
    private long total;
    private long max;
    private double sum;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    long count() {
        return total;
    }

    double meanNanos() {
        return total == 0 ? Double.NaN : sum / total;
    }

    long maxNanos() {
        return max;
    }

    /** The value at a percentile (0-100), or NaN when empty. */
    double percentileNanos(double percentile) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        rank = Math.max(1, Math.min(total, rank));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(value(i), max);
            }
        }
        return max;
    }

    private static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v);
        int shift = e - 6;
        int top = (int) (v >>> shift);
        return LINEAR + (e - 7) * SUB + (top - SUB);
    }

    /** The middle of a bucket. */
    private static double value(int index) {
        if (index < LINEAR) {
            return index;
        }
        int e = 7 + (index - LINEAR) / SUB;
        int top = SUB + (index - LINEAR) % SUB;
        int shift = e - 6;
        return ((double) top + 0.5) * (1L << shift);
    }
}
