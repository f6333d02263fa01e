package dev.modelcost.importer.keras;

import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.FileSection;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.modelcost.importer.keras.KerasCorpusTest.corpus;
import static dev.modelcost.importer.keras.KerasCorpusTest.files;
import static dev.modelcost.importer.keras.KerasCorpusTest.num;
import static dev.modelcost.importer.keras.KerasCorpusTest.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HDF5 structure walker on every Keras HDF5 file of the corpus, against the truth files (h5py): it finds
 * every dataset's bytes exactly where h5py says they are, one object header per group and dataset, every
 * attribute and its payload as h5py presents it; the metadata it books equals file − Σ dataset storage.
 */
class H5StructuresCorpusTest {

    @TestFactory
    List<DynamicTest> walkerLocatesEveryStructureTheTruthNames() throws Exception {
        Path c = corpus();
        List<Path> h5 = files(c.resolve("keras"), ".h5");
        assertTrue(h5.size() >= KerasCorpusTest.EXPECTED_H5, "found " + h5.size() + " Keras HDF5 files");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : h5) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                Map<String, Object> t = truth(f);
                Map<String, Object> s = JsonValues.map(t.get("structure"));
                long size = num(t.get("file_size_bytes"));
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    H5Structures w = new H5Structures(ch, 0, size, 1 << 26, 100_000);
                    IntervalLedger ledger = w.walk();
                    Set<String> truthRegions = new TreeSet<>();
                    for (Object d : JsonValues.list(t.get("datasets"))) {
                        Map<String, Object> ds = JsonValues.map(d);
                        if (num(ds.get("storage_size")) > 0) {
                            truthRegions.add(num(ds.get("file_offset")) + "+" + num(ds.get("storage_size")));
                        }
                    }
                    Set<String> found = new TreeSet<>();
                    ledger.payloads().forEach(p -> found.add(p[0] + "+" + p[1]));
                    assertEquals(truthRegions, found, "every dataset's file_offset and storage_size");
                    assertEquals(
                            num(JsonValues.map(t.get("totals")).get("all_datasets_storage_bytes")),
                            ledger.payloadBytes(),
                            "totals.all_datasets_storage_bytes");
                    assertEquals(
                            1 + num(s.get("n_groups_excluding_root")) + num(s.get("n_datasets")),
                            w.objectHeaders(),
                            "object headers = root + structure.n_groups_excluding_root + structure.n_datasets");
                    assertEquals(num(s.get("n_attributes")), w.attributes(), "structure.n_attributes");
                    List<String> overlaps = new ArrayList<>();
                    List<FileSection> sections = ledger.finish(0, size, overlaps);
                    assertEquals(List.of(), overlaps, "no two structures claim one byte");
                    assertEquals(
                            num(t.get("metadata_overhead_bytes")),
                            sections.stream().mapToLong(FileSection::bytes).sum(),
                            "metadata_overhead_bytes = file − Σ dataset storage");
                    assertEquals(
                            num(s.get("attribute_payload_bytes")),
                            sections.stream()
                                    .filter(x -> x.detail().startsWith("HDF5 attribute payloads"))
                                    .mapToLong(FileSection::bytes)
                                    .sum(),
                            "structure.attribute_payload_bytes");
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> importerLedgerIsStructureByStructure() throws Exception {
        Path c = corpus();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files(c.resolve("keras"), ".h5")) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                Map<String, Object> t = truth(f);
                Report r = KerasCorpusTest.analyze(f);
                assertTrue(
                        r.diagnostics().stream().noneMatch(d -> d.message().contains("structure walker")),
                        "the walker read the file: " + r.diagnostics());
                KerasCorpusTest.assertLedger(r, num(t.get("file_size_bytes")));
                long metadata = r.ledger().entries().stream()
                        .filter(e -> e.detail().startsWith("HDF5 "))
                        .mapToLong(LedgerEntry::bytes)
                        .sum();
                assertEquals(
                        num(t.get("metadata_overhead_bytes")),
                        metadata,
                        "HDF5 structure entries = metadata_overhead_bytes");
                assertEquals(
                        num(t.get("optimizer_weights_bytes")),
                        r.ledger().bytesIn(LedgerCategory.OPTIMIZER_STATE),
                        "optimizer_weights_bytes");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> walkerReadsTheWeightsInsideKerasArchives() throws Exception {
        Path c = corpus();
        List<Path> archives = files(c.resolve("keras3"), ".keras");
        assertTrue(
                archives.size() >= KerasCorpusTest.EXPECTED_ARCHIVES, "found " + archives.size() + " .keras archives");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : archives) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                Map<String, Object> t = truth(f);
                Map<String, Object> entry = null;
                for (Object e : JsonValues.list(t.get("zip_entries"))) {
                    if ("model.weights.h5".equals(JsonValues.map(e).get("name"))) {
                        entry = JsonValues.map(e);
                    }
                }
                long start = num(entry.get("data_offset"));
                long length = num(entry.get("compressed_size"));
                Map<String, Object> w = JsonValues.map(t.get("weights"));
                long storage = num(JsonValues.map(w.get("totals")).get("all_datasets_storage_bytes"));
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    IntervalLedger ledger = new H5Structures(ch, start, length, 1 << 26, 100_000).walk();
                    Set<String> truthRegions = new TreeSet<>();
                    for (Object d : JsonValues.list(w.get("datasets"))) {
                        Map<String, Object> ds = JsonValues.map(d);
                        if (num(ds.get("storage_size")) > 0) {
                            truthRegions.add(num(ds.get("zip_absolute_offset")) + "+" + num(ds.get("storage_size")));
                        }
                    }
                    Set<String> found = new TreeSet<>();
                    ledger.payloads().forEach(p -> found.add(p[0] + "+" + p[1]));
                    assertEquals(truthRegions, found, "every dataset's zip_absolute_offset and storage_size");
                    assertEquals(storage, ledger.payloadBytes(), "weights.totals.all_datasets_storage_bytes");
                    List<String> overlaps = new ArrayList<>();
                    List<FileSection> sections = ledger.finish(start, length, overlaps);
                    assertEquals(List.of(), overlaps, "no two structures claim one byte");
                    assertEquals(
                            length - storage,
                            sections.stream().mapToLong(FileSection::bytes).sum(),
                            "model.weights.h5 metadata = entry size − Σ dataset storage");
                }
                Report r = KerasCorpusTest.analyze(f);
                assertTrue(
                        r.diagnostics().stream().noneMatch(d -> d.message().contains("structure walker")),
                        "the walker read model.weights.h5: " + r.diagnostics());
                KerasCorpusTest.assertLedger(r, num(t.get("size")));
                assertEquals(
                        length - storage,
                        r.ledger().entries().stream()
                                .filter(e -> e.detail().endsWith("(model.weights.h5)"))
                                .mapToLong(LedgerEntry::bytes)
                                .sum(),
                        "HDF5 structure entries of model.weights.h5");
            }));
        }
        return tests;
    }
}
