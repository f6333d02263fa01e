package dev.modelcost.importer.pytorch;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A legacy torch.save stream whose object tree is a hostile pickle: reported by name, nothing imported or run. */
class HostilePickleTest {
    @TempDir
    Path dir;

    /** Magic number, protocol 1001, an empty sys_info dict, {@code main}, an empty storage key list. */
    private static byte[] legacyStream(String main) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LegacyLayout.MAGIC_PICKLE);
        out.writeBytes(new byte[] {'M', (byte) 0xe9, 0x03, '.'}); // BININT2 1001
        out.writeBytes(new byte[] {'}', '.'});
        out.writeBytes(main.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {']', '.'});
        return out.toByteArray();
    }

    @Test
    void osSystemThroughReduceIsReportedAndNotRun() throws Exception {
        Path marker = dir.resolve("pwned");
        Path f = dir.resolve("hostile.pt");
        Files.write(f, legacyStream("cos\nsystem\n(S'touch " + marker + "'\ntR."));
        Report r = ModelCost.standard().inspect(f);
        assertFalse(Files.exists(marker), "the pickled call ran");
        assertTrue(
                r.model().metadata().get("pickled callables (not run)").contains("os.system"),
                r.model().metadata().toString());
        assertTrue(
                r.diagnostics().stream()
                        .anyMatch(d -> d.message().contains("os.system")
                                && d.message().contains("nothing was imported or run")),
                r.diagnostics().toString());
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("not a model")));
        assertEquals(0, r.parameters().total());
    }

    @Test
    void aStorageKeyTheObjectTreeNeverNamedIsStillBoundedByTheFile() throws Exception {
        Path f = dir.resolve("lying.pt");
        byte[] stream = legacyStream("}.");
        // Replace the empty key list by ['k'] and add an element count of 2^40 for it.
        byte[] head = Arrays.copyOf(stream, stream.length - 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(new byte[] {']', '(', 'X', 1, 0, 0, 0, 'k', 'e', '.', 0, 0, 0, 0, 0, 1, 0, 0});
        Files.write(f, out.toByteArray());
        MalformedModelException e = assertThrows(
                MalformedModelException.class, () -> ModelCost.standard().inspect(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void aPickleOfMillionsOfSmallValuesStopsAtTheOpcodeLimitWithinTheHeap() throws Exception {
        // 6 million BININT1 opcodes (12 MB): every one pushes a value that stays on the stack.
        int n = 6_000_000;
        StringBuilder main = new StringBuilder(2 * n + 1);
        for (int i = 0; i < n; i++) {
            main.append('K').append((char) 1);
        }
        Path f = dir.resolve("huge.pt");
        Files.write(f, legacyStream(main.append('.').toString()));
        MalformedModelException e = assertThrows(
                MalformedModelException.class, () -> ModelCost.standard().inspect(f));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }
}
