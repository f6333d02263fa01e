package dev.modelcost.importer.keras;

import java.util.Locale;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.core.spi.ModelImporter;
import dev.modelcost.core.spi.UnsupportedModelException;
import dev.modelcost.core.spi.ZipHead;
import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.UnsupportedHdfException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras models: HDF5 files (Keras 1, Keras 2, tf.keras, Keras 3 legacy h5; full models and weights-only)
 * and Keras 3 {@code .keras} zip archives, whose stored {@code model.weights.h5} is opened in place
 * (a read-only channel onto its bytes inside the archive, never extracted or copied). Reads structure
 * only: no weight data.
 */
public final class KerasImporter implements ModelImporter {
    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final long MAX_USER_BLOCK = 1L << 30;

    /** Opens the model file for reading; tests substitute one that records which bytes are read. */
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    private final ChannelOpener opener;

    public KerasImporter() { this(f -> FileChannel.open(f, StandardOpenOption.READ)); }

    KerasImporter(ChannelOpener opener) { this.opener = opener; }

    @Override
    public String format() { return "keras"; }

    private static final java.util.Set<String> KERAS_ARCHIVE_ENTRIES = java.util.Set.of("metadata.json", "config.json", "model.weights.h5");

    @Override
    public boolean recognizes(Path file, byte[] head) {
        if (startsWith(head, 0, HDF5_SIGNATURE)) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                ZipDirectory z;
                try {
                    z = ZipDirectory.read(ch);
                } catch (IOException | ZipDirectory.ZipException | RuntimeException unreadable) {
                    // Keras writes metadata.json, config.json, model.weights.h5 in that order: an archive cut
                    // before its central directory is still told by its first entry, and answered as damaged.
                    String first = ZipHead.firstEntryName(head);
                    return first != null && KERAS_ARCHIVE_ENTRIES.contains(first);
                }
                return z.find("config.json") != null && z.find("model.weights.h5") != null;
            }
            return hdf5Offset(ch) >= 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Where the HDF5 superblock starts: 0, 512, 1024, 2048, ... (the user block sizes HDF5 allows), or -1. */
    static long hdf5Offset(FileChannel ch) throws IOException {
        long size = ch.size();
        for (long off = 0; off + 8 <= size && off <= MAX_USER_BLOCK; off = off == 0 ? 512 : off * 2) {
            ByteBuffer b = ByteBuffer.allocate(8);
            ch.read(b, off);
            if (startsWith(b.array(), 0, HDF5_SIGNATURE)) {
                return off;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (data == null || data.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ImportedModel read(Path file, ImportOptions options) throws IOException {
        long size = Files.size(file);
        byte[] head = new byte[8];
        try (FileChannel ch = opener.open(file)) {
            ByteBuffer b = ByteBuffer.wrap(head);
            ch.read(b, 0);
            if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return readArchive(file, ch, size, options);
            }
            if (hdf5Offset(ch) < 0) {
                throw new MalformedModelException(file, "offset 0", "neither an HDF5 file nor a zip archive (no signature)");
            }
        }
        FileChannel channel = opener.open(file);
        HdfFile h = null;
        try {
            // Through a strict window of the file's own size: a block that a hostile length puts past the end
            // fails at once (see SliceChannel.strict).
            h = new HdfFile(SliceChannel.strict(channel, 0, size));
            Map<String, String> meta = new LinkedHashMap<>();
            ClassicLayout.Result r = ClassicLayout.read(file, channel, h, size, options, meta);
            return model(file, size, r.graph(), r.assembler(), meta);
        } catch (ModelException e) {
            throw e;
        } catch (UnsupportedHdfException e) {
            throw new UnsupportedModelException(file, "HDF5", "uses an HDF5 feature jhdf cannot read: " + e.getMessage());
        } catch (HdfException | IllegalStateException | IllegalArgumentException | ArithmeticException
                 | IndexOutOfBoundsException | java.nio.BufferUnderflowException | UnsupportedOperationException e) {
            throw new MalformedModelException(file, "HDF5", "cannot read the HDF5 structure: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw beyondTheFile(file, "HDF5", size, e);
        } finally {
            closeQuietly(h);
            channel.close();
        }
    }

    /**
     * jhdf allocates a buffer of whatever size an object header or heap declares before it reads. A size the
     * heap cannot hold is one request that fails at once without filling the heap, and no real file of this
     * size declares it: answered as a malformed file.
     */
    private static MalformedModelException beyondTheFile(Path file, String where, long bytes, OutOfMemoryError e) {
        return new MalformedModelException(file, where, "the HDF5 structure (" + bytes
                + " bytes) declares a block larger than memory allows", e);
    }

    /** jhdf 0.13's close() of a channel-backed file closes its storage, then fails while logging the file's path. */
    private static void closeQuietly(HdfFile h) {
        if (h != null) {
            try {
                h.close();
            } catch (HdfException ignored) {
                // storage is already closed at this point
            }
        }
    }

    private ImportedModel readArchive(Path file, FileChannel ch, long size, ImportOptions options) throws IOException {
        ZipDirectory zip;
        try {
            zip = ZipDirectory.read(ch);
        } catch (ZipDirectory.ZipException e) {
            throw new MalformedModelException(file, "zip", e.getMessage());
        } catch (EOFException e) {
            throw new MalformedModelException(file, "zip", "truncated: " + e.getMessage());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("keras.layout", "keras-v3-archive");
        List<String> duplicates = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ZipDirectory.Entry e : zip.entries()) {
            if (!names.add(e.name())) {
                duplicates.add(e.name());
            }
        }
        ZipDirectory.Entry cfgEntry = zip.find("config.json");
        ZipDirectory.Entry weights = zip.find("model.weights.h5");
        if (cfgEntry == null) {
            throw new UnsupportedModelException(file, "zip", "a zip archive without config.json is not a Keras 3 model");
        }
        if (weights == null) {
            throw new UnsupportedModelException(file, "zip", zip.find("model.weights.npz") != null
                    ? "weights stored as model.weights.npz are not supported" : "archive has no model.weights.h5");
        }
        if (!weights.stored()) {
            throw new UnsupportedModelException(file, "model.weights.h5", "the weights entry is compressed (method "
                    + weights.method() + "); only stored (uncompressed) archives, as Keras writes them, are read in place");
        }
        String configText = entryText(file, ch, cfgEntry, options);
        Object cfgJson = parseJson(file, "config.json", configText, options);
        Topology topo = topology(file, cfgJson, options);
        topo.recordFileBatches(meta);
        meta.put("keras.modelClass", KerasObject.className(cfgJson));
        Object compile = JsonValues.map(cfgJson).get("compile_config");
        Object opt = JsonValues.map(compile).get("optimizer");
        if (opt instanceof String s) {
            meta.put("keras.optimizer", s);
        } else if (JsonValues.isMap(opt)) {
            JsonValues.str(JsonValues.map(opt), "class_name").ifPresent(c -> meta.put("keras.optimizer", c));
        }
        ZipDirectory.Entry metaEntry = zip.find("metadata.json");
        if (metaEntry != null) {
            Object m = parseJson(file, "metadata.json", entryText(file, ch, metaEntry, options), options);
            JsonValues.str(JsonValues.map(m), "keras_version").ifPresent(v -> meta.put("keras.version", v));
        }

        GraphAssembler asm = new GraphAssembler();
        List<String> pickled = new ArrayList<>();
        for (ZipDirectory.Entry e : zip.entries()) {
            String n = e.name().toLowerCase(java.util.Locale.ROOT);
            if (n.endsWith(".pkl") || n.endsWith(".pickle") || n.endsWith(".joblib")) {
                pickled.add(e.name() + " (" + e.uncompressedBytes() + " bytes)");
            }
        }
        if (!pickled.isEmpty()) {
            asm.diagnose("archive holds pickled Python objects " + pickled + "; modelcost reports them and never unpickles or runs them");
        }
        if (!duplicates.isEmpty()) {
            asm.diagnose("archive has duplicate entry names " + duplicates + "; the last of each is read");
        }
        SliceChannel entry = SliceChannel.strict(ch, weights.dataOffset(), weights.compressedBytes());
        HdfFile h = null;
        long[] attrs;
        try {
            h = new HdfFile(entry);
            ArchiveLayout.read(file, h, weights.dataOffset(), topo, asm, options);
            attrs = new H5Walker(options.maxNodes(), options.maxTensorRank()).attributePayload(h, options.maxMetadataBytes());
        } catch (ModelException e) {
            throw e;
        } catch (UnsupportedHdfException e) {
            throw new UnsupportedModelException(file, "model.weights.h5", "uses an HDF5 feature jhdf cannot read: " + e.getMessage());
        } catch (HdfException | IllegalStateException | IllegalArgumentException | ArithmeticException
                 | IndexOutOfBoundsException | java.nio.BufferUnderflowException | UnsupportedOperationException e) {
            throw new MalformedModelException(file, "model.weights.h5", "cannot read the HDF5 structure: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw beyondTheFile(file, "model.weights.h5", weights.compressedBytes(), e);
        } finally {
            closeQuietly(h);
        }
        asm.closeDatasetSections("optimizer variables (optimizer/ in model.weights.h5)", "metric variables (metrics/ in model.weights.h5)");
        H5Ledger structures = H5Ledger.of(ch, weights.dataOffset(), weights.compressedBytes(), asm.datasetBytes(),
                options.maxMetadataBytes(), options.maxNodes());
        if (structures.sections() != null) {
            structures.sections().forEach(s -> asm.section(new FileSection(s.category(), s.detail() + " (model.weights.h5)",
                    s.file(), s.offsetBytes(), s.bytes(), s.count())));
            structures.diagnostics().forEach(asm::diagnose);
        } else {
            asm.diagnose(structures.fallbackReason() + "; model.weights.h5 metadata is split only into attribute payloads and the rest");
            if (attrs[0] > 0) {
                asm.section(new FileSection(LedgerCategory.CONTAINER_OVERHEAD,
                        "HDF5 attribute payloads of model.weights.h5 (layer and optimizer names)", "", -1, attrs[0], attrs[1]));
            }
            long h5Overhead = weights.compressedBytes() - asm.datasetBytes() - attrs[0];
            asm.section(new FileSection(LedgerCategory.CONTAINER_OVERHEAD,
                    "HDF5 metadata of model.weights.h5 (superblock, object headers, B-trees, heaps)", "",
                    -1, Math.max(0, h5Overhead), 1));
            if (h5Overhead < 0) {
                asm.diagnose("model.weights.h5 datasets claim " + (-h5Overhead) + " bytes more than the entry holds");
            }
        }
        for (ZipDirectory.Entry e : zip.entries()) {
            if (e == weights) {
                continue;
            }
            boolean config = e.name().equals("config.json") || e.name().equals("metadata.json");
            asm.section(new FileSection(config ? LedgerCategory.GRAPH_AND_CONFIG : LedgerCategory.CONTAINER_OVERHEAD,
                    "archive entry " + e.name(), "", e.dataOffset(), e.compressedBytes(), 1));
        }
        List<String> overlaps = new ArrayList<>();
        ArchiveLedger.sections(zip, size, overlaps).forEach(asm::section);
        for (String o : overlaps.subList(0, Math.min(5, overlaps.size()))) {
            asm.diagnose("zip structures overlap: " + o);
        }
        optimizerMetadata(asm, meta);
        Graph g = asm.build(JsonValues.str(KerasObject.config(cfgJson), "name", ""), topo);
        return model(file, size, g, asm, meta);
    }

    private static String entryText(Path file, FileChannel ch, ZipDirectory.Entry e, ImportOptions options) throws IOException {
        if (e.uncompressedBytes() > options.maxMetadataBytes() || e.compressedBytes() > options.maxMetadataBytes()) {
            throw new MalformedModelException(file, e.name(), e.uncompressedBytes() + " bytes exceed the metadata limit of "
                    + options.maxMetadataBytes());
        }
        ByteBuffer raw = ZipDirectory.read(ch, e.dataOffset(), (int) e.compressedBytes());
        byte[] bytes = new byte[raw.remaining()];
        raw.get(bytes);
        if (e.method() == 8) {
            java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
            try {
                inf.setInput(bytes);
                byte[] out = new byte[(int) e.uncompressedBytes()];
                int n = inf.inflate(out);
                bytes = java.util.Arrays.copyOf(out, n);
            } catch (java.util.zip.DataFormatException ex) {
                throw new MalformedModelException(file, e.name(), "bad deflate data: " + ex.getMessage());
            } finally {
                inf.end();
            }
        } else if (e.method() != 0) {
            throw new UnsupportedModelException(file, e.name(), "compression method " + e.method() + " is not supported");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Object parseJson(Path file, String where, String text, ImportOptions options) {
        try {
            return Json.parse(text, options.maxMetadataBytes());
        } catch (Json.JsonException e) {
            throw new MalformedModelException(file, where, "invalid JSON: " + e.getMessage());
        }
    }

    static Topology topology(Path file, Object cfgJson, ImportOptions options) {
        try {
            return TopologyReader.read(cfgJson, options.maxNodes());
        } catch (IllegalArgumentException e) {
            throw new MalformedModelException(file, "model configuration", e.getMessage());
        }
    }

    static void optimizerMetadata(GraphAssembler asm, Map<String, String> meta) {
        if (asm.optimizerDatasets() > 0) {
            meta.put("keras.optimizerStateBytes", Long.toString(asm.optimizerBytes()));
            meta.put("keras.optimizerVariables", Integer.toString(asm.optimizerDatasets()));
            meta.put("keras.optimizerSlots", Integer.toString(asm.optimizerSlots()));
        }
    }

    private static ImportedModel model(Path file, long size, Graph g, GraphAssembler asm, Map<String, String> meta) {
        List<Diagnostic> diags = asm.diagnostics().stream().map(Diagnostic::warning).toList();
        return new ImportedModel("keras", file, size, g, asm.sections(), meta, diags);
    }
}
