package dev.modelcost.importer.keras;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelException;
import dev.modelcost.core.spi.ModelImporter;
import dev.modelcost.core.spi.UnsupportedModelException;
import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.UnsupportedHdfException;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keras models: HDF5 files (Keras 1, Keras 2, tf.keras, Keras 3 legacy h5; full models and weights-only)
 * and Keras 3 {@code .keras} zip archives (see {@link ArchiveReader}), whose stored {@code model.weights.h5} is
 * opened in place (a read-only channel onto its bytes inside the archive, never extracted or copied). Reads
 * structure only: no weight data.
 */
public final class KerasImporter implements ModelImporter {
    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final long MAX_USER_BLOCK = 1L << 30;
    private static final Set<String> KERAS_ARCHIVE_ENTRIES = Set.of("metadata.json", "config.json", "model.weights.h5");

    @Override
    public String format() {
        return "keras";
    }

    /**
     * HDF5 by its signature at byte 0; a {@code .keras} archive by its first entry (Keras writes metadata.json,
     * config.json, model.weights.h5 in that order), so an archive cut before its central directory is still told,
     * and answered as damaged. An HDF5 file with a user block (its signature at 512, 1024, ...) is told by its name
     * and the zeros a user block is filled with; reading it checks the signature.
     */
    @Override
    public boolean recognizes(String fileName, byte[] head) {
        if (startsWith(head, HDF5_SIGNATURE)) {
            return true;
        }
        if (isZip(head)) {
            String first = ZipArchive.firstEntryName(head);
            return first != null && KERAS_ARCHIVE_ENTRIES.contains(first);
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        return (name.endsWith(".h5") || name.endsWith(".hdf5"))
                && head.length >= HDF5_SIGNATURE.length
                && allZero(head);
    }

    @Override
    public ImportedModel read(ModelSource source, ImportOptions options) throws IOException {
        if (isZip(source.readBytes(0, (int) Math.min(4, source.sizeBytes())))) {
            return ArchiveReader.read(source, options);
        }
        if (hdf5Offset(source) < 0) {
            throw new MalformedModelException(
                    source.location(), "offset 0", "neither an HDF5 file nor a zip archive (no signature)");
        }
        long size = source.sizeBytes();
        // jhdf reads through a strict window of the file's own size: a block that a hostile length puts past the
        // end fails at once (see SliceChannel.strict).
        return readHdf5(source.location(), "HDF5", SliceChannel.strict(source, 0, size), h -> {
            Map<String, String> meta = new LinkedHashMap<>();
            ClassicLayout.Result r =
                    ClassicLayout.read(source.location(), SliceChannel.of(source), h, size, options, meta);
            return model(source, r.graph(), r.assembler(), meta);
        });
    }

    /** What is read from an open HDF5 file. */
    interface Hdf5Work<T> {
        T read(HdfFile h) throws IOException;
    }

    /**
     * Opens the HDF5 file in {@code window} with jhdf, runs {@code work}, and turns jhdf's failures into one clear
     * model exception naming {@code where}. jhdf allocates a buffer of whatever size an object header or heap
     * declares before it reads: a size the heap cannot hold fails at once without filling the heap, and no real
     * file declares it, so it is answered as a malformed file.
     */
    static <T> T readHdf5(String file, String where, SliceChannel window, Hdf5Work<T> work) throws IOException {
        HdfFile h = null;
        try {
            h = new HdfFile(window);
            return work.read(h);
        } catch (ModelException e) {
            throw e;
        } catch (UnsupportedHdfException e) {
            throw new UnsupportedModelException(
                    file, where, "uses an HDF5 feature jhdf cannot read: " + e.getMessage());
        } catch (HdfException
                | IllegalStateException
                | IllegalArgumentException
                | ArithmeticException
                | IndexOutOfBoundsException
                | BufferUnderflowException
                | UnsupportedOperationException e) {
            throw new MalformedModelException(file, where, "cannot read the HDF5 structure: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new MalformedModelException(
                    file,
                    where,
                    "the HDF5 structure (" + window.size() + " bytes) declares a block larger than memory allows",
                    e);
        } finally {
            closeQuietly(h);
        }
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

    /** Where the HDF5 superblock starts: 0, 512, 1024, 2048, ... (the user block sizes HDF5 allows), or -1. */
    static long hdf5Offset(ModelSource source) throws IOException {
        long size = source.sizeBytes();
        for (long off = 0; off + 8 <= size && off <= MAX_USER_BLOCK; off = off == 0 ? 512 : off * 2) {
            if (startsWith(source.readBytes(off, 8), HDF5_SIGNATURE)) {
                return off;
            }
        }
        return -1;
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static boolean allZero(byte[] head) {
        for (byte b : head) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data == null || data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static Object parseJson(String file, String where, String text, ImportOptions options) {
        try {
            return Json.parse(text, options.maxMetadataBytes());
        } catch (Json.JsonException e) {
            throw new MalformedModelException(file, where, "invalid JSON: " + e.getMessage());
        }
    }

    static Topology topology(String file, Object cfgJson, ImportOptions options) {
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

    static ImportedModel model(ModelSource source, Graph g, GraphAssembler asm, Map<String, String> meta) {
        List<Diagnostic> diags =
                asm.diagnostics().stream().map(Diagnostic::warning).toList();
        return new ImportedModel("keras", source, g, asm.sections(), meta, diags);
    }
}
