package dev.modelcost.importer.pytorch.pickle;

import dev.modelcost.importer.pytorch.pickle.PickleValue.Atom;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Bool;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Bytes;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Int;
import dev.modelcost.importer.pytorch.pickle.PickleValue.Str;

import java.io.IOException;

/** The opcodes that push one scalar (numbers, text, bytes, None, booleans) or only frame the stream. */
final class Scalars {
    /** Names and keys are short; longer text is kept as its length only. */
    private static final int TEXT_BYTES = 64 * 1024;

    private static final int LINE_BYTES = 4096;

    private Scalars() {}

    static boolean push(int op, PickleInput in, PickleMachine m) throws IOException {
        switch (op) {
            case 0x80 -> in.u8(); // PROTO
            case 0x95 -> in.le(8); // FRAME: a length hint only
            case 'N' -> m.push(Atom.NONE);
            case 0x88 -> m.push(new Bool(true));
            case 0x89 -> m.push(new Bool(false));
            case 'J' -> m.push(new Int((int) in.le(4), false));
            case 'K' -> m.push(new Int(in.le(1), false));
            case 'M' -> m.push(new Int(in.le(2), false));
            case 'I' -> m.push(textInt(in.line(LINE_BYTES)));
            case 'L' -> m.push(textInt(stripL(in.line(LINE_BYTES))));
            case 0x8a -> m.push(longN(in, in.le(1)));
            case 0x8b -> m.push(longN(in, (int) in.le(4)));
            case 'F' -> m.push(new PickleValue.Float(textFloat(in.line(LINE_BYTES))));
            case 'G' -> m.push(new PickleValue.Float(Double.longBitsToDouble(Long.reverseBytes(in.le(8)))));
            case 'S', 'V' -> m.push(new Str(in.line(LINE_BYTES)));
            case 'T' -> m.push(text(in, in.le(4)));
            case 'U' -> m.push(text(in, in.le(1)));
            case 'X' -> m.push(text(in, in.le(4)));
            case 0x8c -> m.push(text(in, in.le(1)));
            case 0x8d -> m.push(text(in, in.le(8)));
            case 'B' -> m.push(skipped(in, in.le(4)));
            case 'C' -> m.push(skipped(in, in.le(1)));
            case 0x8e, 0x96 -> m.push(skipped(in, in.le(8)));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Text up to {@value #TEXT_BYTES} bytes is read; longer text is skipped and kept as bytes of that length. */
    private static PickleValue text(PickleInput in, long n) throws IOException {
        if (n < 0 || n > TEXT_BYTES) {
            return skipped(in, n);
        }
        return new Str(PickleMachine.utf8(in.bytes((int) n)));
    }

    private static PickleValue skipped(PickleInput in, long n) throws IOException {
        in.skip(n);
        return new Bytes(n);
    }

    /** LONG1/LONG4: little-endian two's complement of n bytes; wider than 8 bytes keeps only that it is wide. */
    private static PickleValue longN(PickleInput in, long n) throws IOException {
        if (n < 0 || n > 8) {
            in.skip(n);
            return new Int(0, true);
        }
        long v = n == 0 ? 0 : in.le((int) n);
        if (n > 0 && n < 8) {
            int shift = 64 - 8 * (int) n;
            v = v << shift >> shift;
        }
        return new Int(v, false);
    }

    private static PickleValue textInt(String s) throws PickleException {
        String t = s.trim();
        if (t.equals("00")) {
            return new Bool(false);
        }
        if (t.equals("01")) {
            return new Bool(true);
        }
        try {
            return new Int(Long.parseLong(t), false);
        } catch (NumberFormatException e) {
            if (t.matches("-?[0-9]+")) {
                return new Int(0, true);
            }
            throw new PickleException("an integer argument '" + abbreviate(t) + "' is not a number");
        }
    }

    private static String stripL(String s) {
        return s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
    }

    private static double textFloat(String s) throws PickleException {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new PickleException("a float argument '" + abbreviate(s) + "' is not a number");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
