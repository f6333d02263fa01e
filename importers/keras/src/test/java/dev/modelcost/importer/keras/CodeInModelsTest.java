package dev.modelcost.importer.keras;

import dev.modelcost.core.ModelCost;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Keras Lambda layer stores its function as marshalled Python bytecode in the config. modelcost says the
 * code is there (and how big) and never decodes or runs it. Oracle: the corpus file's truth lists one Lambda
 * layer (model_config histogram) whose config holds a "function" entry.
 */
class CodeInModelsTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @Test
    void aLambdasCodeIsReportedAsPresentNotRun() throws Exception {
        Path c = KerasCorpusTest.corpus();
        List<Path> files = KerasCorpusTest.files(c.resolve("keras"), "space_to_depth_simple_tensorflow_1.h5");
        assertEquals(1, files.size(), "the corpus's Lambda model");
        Report r = ModelCost.standard().inspect(files.get(0));
        long mentions = r.diagnostics().stream()
                .filter(d -> d.message().contains("carries Python code")
                        && d.message().contains("never decodes or runs it"))
                .count();
        assertTrue(mentions >= 1, r.diagnostics().toString());
    }

    /** A pickle is a program for Python's unpickler: an archive entry holding one is named, never read. */
    @Test
    void aPickleInAnArchiveIsReportedAsPresentNotRead() throws Exception {
        Path c = KerasCorpusTest.corpus();
        Path src = KerasCorpusTest.files(c.resolve("keras3"), ".keras").get(0);
        Path f = tmp.resolve("with-pickle.keras");
        byte[] pickle = {(byte) 0x80, 4, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n', '.'}; // never run
        try (ZipFile in = new ZipFile(src.toFile());
                OutputStream os = Files.newOutputStream(f);
                ZipOutputStream out = new ZipOutputStream(os)) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                stored(out, e.getName(), in.getInputStream(e).readAllBytes());
            }
            stored(out, "assets/state.pkl", pickle);
        }
        Report r = ModelCost.standard().inspect(f);
        assertTrue(
                r.diagnostics().stream()
                        .anyMatch(d -> d.message().contains("assets/state.pkl (14 bytes)")
                                && d.message().contains("never unpickles")),
                r.diagnostics().toString());
    }

    private static void stored(ZipOutputStream out, String name, byte[] data) throws Exception {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        out.putNextEntry(e);
        out.write(data);
        out.closeEntry();
    }
}
