package dev.modelcost.importer.pytorch;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.zip.ZipArchive;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelImporter;
import dev.modelcost.core.spi.UnsupportedModelException;
import dev.modelcost.importer.pytorch.pickle.PickleException;
import dev.modelcost.importer.pytorch.pickle.PickleValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.save files: the zip layout (torch ≥ 1.6: {@code <name>/data.pkl}, {@code <name>/data/<key>} storages,
 * version and byteorder records) and the legacy stream. The pickle is read by a reader that imports and runs
 * nothing; storages are located, never read. A file whose pickle holds no tensor is reported as such.
 */
public final class PytorchImporter implements ModelImporter {
    @Override
    public String format() {
        return "pytorch";
    }

    @Override
    public boolean recognizes(String fileName, byte[] head) {
        if (LegacyLayout.recognizes(head) || TarEntries.recognizes(head)) {
            return true;
        }
        String first = ZipArchive.firstEntryName(head);
        if (first != null) {
            return first.equals("data.pkl") || first.endsWith("/data.pkl");
        }
        return firstNameRunsPastHead(head);
    }

    /**
     * torch.save names its first entry {@code <archive name>/data.pkl}; a long archive name runs past the 64 bytes
     * importers are shown. Such a zip is claimed here and refused in {@link #read} when it holds no data.pkl.
     */
    private static boolean firstNameRunsPastHead(byte[] head) {
        if (head == null || head.length < 30 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            return false;
        }
        int nameBytes = (head[26] & 0xff) | (head[27] & 0xff) << 8;
        return 30 + nameBytes > head.length
                && new String(head, 30, head.length - 30, StandardCharsets.ISO_8859_1).indexOf('/') > 0;
    }

    @Override
    public ImportedModel read(ModelSource source, ImportOptions options) throws IOException {
        try {
            return readModel(source, options);
        } catch (PickleException e) {
            throw new MalformedModelException(source.location(), "pickle", e.getMessage(), e);
        } catch (MalformedModelException e) {
            throw e.location() != null ? e : new MalformedModelException(source.location(), e.where(), e.problem(), e);
        } catch (UnsupportedModelException e) {
            throw e.location() != null ? e : new UnsupportedModelException(source.location(), e.where(), e.problem());
        }
    }

    private ImportedModel readModel(ModelSource source, ImportOptions options) throws IOException {
        byte[] head = source.readBytes(0, (int) Math.min(64, source.sizeBytes()));
        LayoutRead layout;
        String container;
        if (LegacyLayout.recognizes(head)) {
            layout = LegacyLayout.read(source, maxPickleOps(options));
            container = "legacy stream (torch < 1.6)";
        } else if (TarEntries.recognizes(head)) {
            layout = TarLayout.read(source, maxPickleOps(options), options.maxTensorRank());
            container = "tar (torch < 0.4)";
        } else {
            layout = ZipCheckpoint.read(source, options);
            container = "zip (torch >= 1.6)";
        }
        TensorWalk.Result walk = TensorWalk.of(layout.root());
        CheckpointBuilder builder = new CheckpointBuilder(layout.storages());
        Graph graph = builder.build(walk.found());
        List<FileSection> sections = new ArrayList<>(layout.sections());
        sections.addAll(builder.sections());
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("container", container);
        metadata.put("top-level object", describe(layout.root()));
        PickledNames.report(layout.globals(), metadata, diagnostics);
        metadata.put("contents", contents(walk.found()));
        if (!builder.aliases().isEmpty()) {
            metadata.put("tied tensors", String.join("; ", builder.aliases()));
        }
        if (walk.found().isEmpty()) {
            diagnostics.add(
                    Diagnostic.warning("the pickle holds no tensor: this file is not a model (its top-level object is "
                            + describe(layout.root()) + "); nothing in it was imported or run"));
        }
        if (walk.tooDeep()) {
            diagnostics.add(Diagnostic.warning(
                    "containers nested deeper than " + TensorWalk.MAX_DEPTH + " levels were not searched for tensors"));
        }
        return new ImportedModel(format(), source, graph, sections, metadata, diagnostics);
    }

    /**
     * Pickle opcodes allowed: half the node limit. Each opcode builds at most one small value, and every value may
     * stay alive (on the stack, in the memo), so this bounds the reader's memory too: 2.5 million opcodes by default,
     * about 15 per tensor of a state dict, under 100 MB in the worst case.
     */
    static long maxPickleOps(ImportOptions options) {
        return Math.max(1, options.maxNodes() / 2);
    }

    /** What the file is: a state dict, a checkpoint with optimizer state, or no model at all. */
    private static String contents(List<TensorWalk.Found> found) {
        long optimizer = found.stream()
                .filter(f -> CheckpointBuilder.isOptimizer(f.path()))
                .count();
        if (found.isEmpty()) {
            return "no tensors (not a model)";
        }
        if (optimizer == found.size()) {
            return "optimizer state only (" + optimizer + " tensors)";
        }
        String model = (found.size() - optimizer) + " model tensors";
        return optimizer > 0
                ? "checkpoint: " + model + " and " + optimizer + " optimizer state tensors"
                : found.stream().allMatch(f -> f.path().size() == 1) ? "state dict: " + model : model;
    }

    private static String describe(PickleValue v) {
        if (v instanceof PickleValue.Dict d) {
            return "a dict of " + d.keys().size() + " entries";
        }
        if (v instanceof PickleValue.Call c) {
            return "an instance of " + c.callable().qualifiedName();
        }
        if (v instanceof PickleValue.Tensor) {
            return "a tensor";
        }
        return v instanceof PickleValue.Seq s
                ? "a " + s.kind() + " of " + s.items().size()
                : v.getClass().getSimpleName();
    }
}
