package dev.modelcost.testdata.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small, deterministic structure-blind mutator for the bounded fuzz run of the normal test suite:
 * bit flips, "interesting" integers written over lengths and dims, varint-shaped insertions, block
 * deletion, duplication and splicing between seeds. Same seed, same inputs.
 */
final class Mutator {
    private static final long[] INTERESTING = {
        0,
        1,
        -1,
        0x7f,
        0x80,
        0xff,
        0x7fff,
        0xffff,
        0x7fffffffL,
        0xffffffffL,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        1L << 31,
        1L << 32,
        1L << 40,
        64,
        65,
        1_000_000_007L
    };

    private final Random random;
    private final List<byte[]> seeds;
    private final int maxBytes;

    Mutator(long seed, List<byte[]> seeds, int maxBytes) {
        this.random = new Random(seed);
        this.seeds = seeds;
        this.maxBytes = maxBytes;
    }

    byte[] next() {
        byte[] b = seeds.get(random.nextInt(seeds.size()));
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = mutate(b);
        }
        return b.length > maxBytes ? Arrays.copyOf(b, maxBytes) : b;
    }

    private byte[] mutate(byte[] in) {
        if (in.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] b;
        switch (random.nextInt(8)) {
            case 0, 1 -> { // flip bits
                b = in.clone();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> { // write an interesting value as a little-endian integer or as a varint
                b = in.clone();
                long v = INTERESTING[random.nextInt(INTERESTING.length)];
                int at = random.nextInt(b.length);
                byte[] enc = random.nextBoolean() ? varint(v) : littleEndian(v, 1 << random.nextInt(4));
                for (int i = 0; i < enc.length && at + i < b.length; i++) {
                    b[at + i] = enc[i];
                }
            }
            case 3 -> { // insert a varint (a new length or field)
                byte[] enc = varint(INTERESTING[random.nextInt(INTERESTING.length)]);
                b = splice(in, random.nextInt(in.length + 1), 0, enc);
            }
            case 4 -> { // delete a block
                int at = random.nextInt(in.length);
                int len = 1 + random.nextInt(Math.min(64, in.length - at));
                b = splice(in, at, len, new byte[0]);
            }
            case 5 -> { // duplicate a block (repeated fields, nested messages)
                int at = random.nextInt(in.length);
                int len = 1 + random.nextInt(Math.min(256, in.length - at));
                b = splice(in, random.nextInt(in.length + 1), 0, Arrays.copyOfRange(in, at, at + len));
            }
            case 6 -> { // splice with another seed
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int cut = random.nextInt(in.length + 1);
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                b = splice(in, cut, in.length - cut, Arrays.copyOfRange(other, from, other.length));
            }
            default -> { // truncate
                b = Arrays.copyOf(in, random.nextInt(in.length));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] in, int at, int removed, byte[] inserted) {
        byte[] out = new byte[in.length - removed + inserted.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(in, at + removed, out, at + inserted.length, in.length - at - removed);
        return out;
    }

    static byte[] varint(long v) {
        byte[] tmp = new byte[10];
        int n = 0;
        while ((v & ~0x7fL) != 0) {
            tmp[n++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        tmp[n++] = (byte) v;
        return Arrays.copyOf(tmp, n);
    }

    private static byte[] littleEndian(long v, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }
}
