package dev.modelcost.importer.pytorch.pickle;

import dev.modelcost.core.io.MemorySource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pickles written by hand from the opcode table of Python's pickletools (the oracle for every byte here). */
class PickleMachineTest {
    private static PickleValue load(byte[] pickle) throws Exception {
        return machine(pickle).load();
    }

    private static PickleMachine machine(byte[] pickle) {
        return new PickleMachine(new PickleInput(new MemorySource("memory.pt", pickle), 0, pickle.length), 10_000);
    }

    /** Bytes from ints (0..255) and ASCII strings. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof Character c) {
                out.write(c);
            } else {
                out.writeBytes(((String) p).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }

    @Test
    void hostileGlobalAndReduceAreReportedByNameAndNeverRun() throws Exception {
        // pickle.dumps of a __reduce__ returning (os.system, ("touch /tmp/pwned",)), protocol 0:
        // c os\nsystem\n ( S'touch /tmp/pwned'\n t R .
        byte[] hostile = bytes("cos\nsystem\n(S'touch /tmp/pwned'\ntR.");
        PickleMachine m = machine(hostile);
        PickleValue v = m.load();
        PickleValue.Call call = assertInstanceOf(PickleValue.Call.class, v);
        assertEquals("os.system", call.callable().qualifiedName());
        assertEquals(new PickleValue.Str("'touch /tmp/pwned'"), call.args().get(0));
        assertEquals(Map.of("os.system", 1), m.globals());
    }

    @Test
    void stackGlobalOfBuiltinsEvalIsANameToo() throws Exception {
        // protocol 4: PROTO 4, SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL,
        // SHORT_BINUNICODE '1+1', TUPLE1, REDUCE, STOP
        byte[] p = bytes(0x80, 4, 0x8c, 8, "builtins", 0x8c, 4, "eval", 0x93, 0x8c, 3, "1+1", 0x85, 'R', '.');
        PickleValue.Call call = assertInstanceOf(PickleValue.Call.class, load(p));
        assertEquals("builtins.eval", call.callable().qualifiedName());
    }

    @Test
    void rebuildTensorV2GivesATensorOnItsPersistentStorage() throws Exception {
        // The shape torch.save writes for {'w': tensor of shape (2, 3)}: GLOBAL torch._utils _rebuild_tensor_v2,
        // ( PERSID-tuple ('storage', torch.FloatStorage, '0', 'cpu', 6) BINPERSID, offset 0, size (2,3),
        // stride (3,1), False, OrderedDict() ) TUPLE, REDUCE
        byte[] p = bytes(
                0x80,
                2,
                '}',
                'X',
                1,
                0,
                0,
                0,
                "w",
                'c',
                "torch._utils\n_rebuild_tensor_v2\n",
                '(',
                '(',
                'X',
                7,
                0,
                0,
                0,
                "storage",
                'c',
                "torch\nFloatStorage\n",
                'X',
                1,
                0,
                0,
                0,
                "0",
                'X',
                3,
                0,
                0,
                0,
                "cpu",
                'K',
                6,
                't',
                'Q',
                'K',
                0,
                'K',
                2,
                'K',
                3,
                0x86,
                'K',
                3,
                'K',
                1,
                0x86,
                0x89,
                'c',
                "collections\nOrderedDict\n",
                ')',
                'R',
                't',
                'R',
                's',
                '.');
        PickleValue.Dict d = assertInstanceOf(PickleValue.Dict.class, load(p));
        PickleValue.Tensor t =
                assertInstanceOf(PickleValue.Tensor.class, d.values().get(0));
        assertEquals("FloatStorage", t.storage().typeName());
        assertEquals("0", t.storage().key());
        assertEquals(6, t.storage().elements());
        assertArrayEquals(new long[] {2, 3}, t.size());
        assertArrayEquals(new long[] {3, 1}, t.stride());
    }

    @Test
    void memoAndLongIntegersFollowTheSpec() throws Exception {
        // LONG1 of 2 bytes 0xff 0x7f is 32767; LONG1 of 1 byte 0xff is -1; BINPUT 0 then BINGET 0 repeats it.
        byte[] p = bytes(']', 'q', 0, '(', 0x8a, 2, 0xff, 0x7f, 0x8a, 1, 0xff, 'h', 0, 'e', '.');
        PickleValue.Seq s = assertInstanceOf(PickleValue.Seq.class, load(p));
        assertEquals(new PickleValue.Int(32767, false), s.items().get(0));
        assertEquals(new PickleValue.Int(-1, false), s.items().get(1));
        assertTrue(s.items().get(2) == s, "BINGET of the memoised list is the list itself");
    }

    @Test
    void lyingLengthsAndUnknownOpcodesAreRefused() {
        // BINUNICODE declaring 2^31-1 bytes in a 10-byte pickle.
        assertThrows(PickleException.class, () -> load(bytes('X', 0xff, 0xff, 0xff, 0x7f, "abc", '.')));
        // BINBYTES8 declaring 2^62 bytes: skipped only after the length is checked.
        assertThrows(PickleException.class, () -> load(bytes(0x8e, 0, 0, 0, 0, 0, 0, 0, 0x40, '.')));
        // EXT1 (the copyreg extension registry) is not read.
        assertThrows(PickleException.class, () -> load(bytes(0x82, 1, '.')));
        // Reading a memo entry never stored, popping an empty stack, ending without STOP.
        assertThrows(PickleException.class, () -> load(bytes('h', 5, '.')));
        assertThrows(PickleException.class, () -> load(bytes('0', '.')));
        assertThrows(PickleException.class, () -> load(bytes(']')));
    }

    @Test
    void aPickleThatRunsForeverHitsTheOpcodeLimit() {
        byte[] p = new byte[20_001];
        Arrays.fill(p, (byte) 'N');
        PickleException e = assertThrows(PickleException.class, () -> load(p));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }
}
