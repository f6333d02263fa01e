package dev.modelcost.testdata;

import java.util.Arrays;
import java.util.Random;

/** The damage the damaged-file tests do to real model files: prefixes of every class, and flipped bits. */
public final class Damage {
    private Damage() {}

    /** Prefix lengths: empty, inside the header, inside the metadata, the middle, the last bytes. */
    public static long[] cuts(long n) {
        return Arrays.stream(new long[] {0, 1, 7, 16, 64, 512, 4096, n / 4, n / 2, 3 * n / 4, n - 16, n - 1})
                .filter(c -> c >= 0 && c < n)
                .distinct()
                .toArray();
    }

    /** Flips 1–8 bits of {@code b} in place, mostly in the first and last 64 KiB where the structure lives; says where. */
    public static String flip(byte[] b, Random r) {
        int flips = 1 + r.nextInt(8);
        StringBuilder where = new StringBuilder("bits flipped at");
        for (int i = 0; i < flips; i++) {
            int zone = r.nextInt(3);
            int window = Math.min(b.length, 65536);
            int pos =
                    zone == 0 ? r.nextInt(window) : zone == 1 ? b.length - 1 - r.nextInt(window) : r.nextInt(b.length);
            b[pos] ^= (byte) (1 << r.nextInt(8));
            where.append(' ').append(pos);
        }
        return where.toString();
    }
}
