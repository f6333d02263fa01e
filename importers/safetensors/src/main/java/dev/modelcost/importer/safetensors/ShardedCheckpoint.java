package dev.modelcost.importer.safetensors;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every shard a safetensors index names (headers only) and checks the index against them: tensors the index
 * places in a shard that lacks them (missing), tensors a shard holds that the index does not place there (extra),
 * tensors held by two shards (duplicated), shard files that are absent, numbered shard files the index never names,
 * and {@code total_size} against the bytes of the tensors found. Each disagreement is a warning; the model is
 * reported from what the shards hold.
 */
final class ShardedCheckpoint {
    private static final Pattern NUMBERED = Pattern.compile("(.*-)(\\d+)(-of-)(\\d+)(\\.safetensors)");
    private static final int NAMES_SHOWN = 5;
    private static final int MAX_NUMBERED_SHARDS = 10_000;
    /** Tensors of all shards together (DeepSeek-V3, 163 shards, has about 91,000); their IR fits the 256 MiB heap. */
    static final int MAX_TENSORS = 250_000;

    final List<Tensor> tensors = new ArrayList<>();
    final List<FileSection> sections = new ArrayList<>();
    final Map<String, Long> shardBytes = new LinkedHashMap<>();
    final Map<String, ModelSource> shardSources = new LinkedHashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    static ShardedCheckpoint read(ModelSource index, ImportOptions options, HfConfig config) throws IOException {
        ShardedCheckpoint c = new ShardedCheckpoint();
        c.readShards(index, options, config);
        return c;
    }

    private void readShards(ModelSource index, ImportOptions options, HfConfig config) throws IOException {
        ShardIndex idx = ShardIndex.read(index, options);
        sections.add(new FileSection(
                LedgerCategory.GRAPH_AND_CONFIG,
                "shard index: weight_map of " + idx.weightMap().size() + " tensors in "
                        + idx.shards().size() + " shards",
                "",
                0,
                index.sizeBytes(),
                1));
        Map<String, String> foundIn = new HashMap<>();
        List<String> misplaced = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        long tensorBytes = 0;
        for (String shard : idx.shards()) {
            Optional<ModelSource> opened = index.openSibling(shard);
            if (opened.isEmpty()) {
                long named =
                        idx.weightMap().values().stream().filter(shard::equals).count();
                diagnostics.add(Diagnostic.warning("shard '" + shard + "' named by the index is missing: its " + named
                        + " tensors are not counted"));
                continue;
            }
            ModelSource s = opened.get();
            shardSources.put(shard, s);
            shardBytes.put(shard, s.sizeBytes());
            SafetensorsHeader h = HeaderReader.read(s, options);
            HeaderSections.addTo(sections, shard, h);
            CheckpointTensors.addTo(tensors, shard, h, config);
            for (HeaderEntry e : h.tensors()) {
                tensorBytes += e.bytes();
                String first = foundIn.putIfAbsent(e.name(), shard);
                if (first != null) {
                    duplicated.add("'" + e.name() + "' in " + first + " and " + shard);
                } else if (!shard.equals(idx.weightMap().get(e.name()))) {
                    misplaced.add("'" + e.name() + "' in " + shard);
                }
            }
            if (tensors.size() > Math.min(options.maxNodes(), MAX_TENSORS)) {
                throw Problems.malformed(
                        index,
                        "",
                        "the shards hold more than " + Math.min(options.maxNodes(), MAX_TENSORS) + " tensors");
            }
        }
        List<String> missing = new ArrayList<>();
        idx.weightMap().forEach((name, shard) -> {
            if (shardSources.containsKey(shard) && !shard.equals(foundIn.get(name))) {
                missing.add("'" + name + "' (" + shard + ")");
            }
        });
        warn(missing, "tensors the index places in a shard that does not hold them: ");
        warn(misplaced, "tensors a shard holds that the index does not place there: ");
        warn(duplicated, "tensors stored in more than one shard: ");
        unnamedShards(index, idx);
        if (idx.totalSizeBytes() >= 0 && idx.totalSizeBytes() != tensorBytes) {
            diagnostics.add(Diagnostic.warning("the index's total_size is " + idx.totalSizeBytes()
                    + " bytes, the shards' tensors take " + tensorBytes + " bytes"));
        }
    }

    /** Numbered shards (-0000k-of-0000n) that exist beside the index but that the index never names. */
    private void unnamedShards(ModelSource index, ShardIndex idx) throws IOException {
        TreeSet<String> extra = new TreeSet<>();
        for (String shard : idx.shards()) {
            Matcher m = NUMBERED.matcher(shard);
            if (!m.matches() || m.group(4).length() > 5 || Integer.parseInt(m.group(4)) > MAX_NUMBERED_SHARDS) {
                continue;
            }
            int count = Integer.parseInt(m.group(4));
            for (int k = 1; k <= count; k++) {
                String name = m.group(1)
                        + String.format("%0" + m.group(2).length() + "d", k)
                        + m.group(3)
                        + m.group(4)
                        + m.group(5);
                if (!idx.shards().contains(name) && !extra.contains(name)) {
                    if (index.openSibling(name).isPresent()) { // opened lazily: nothing is read, the index closes it
                        extra.add(name);
                    }
                }
            }
            break; // one numbering per checkpoint
        }
        warn(new ArrayList<>(extra), "shard files beside the index that it does not name: ");
    }

    private void warn(List<String> items, String what) {
        if (items.isEmpty()) {
            return;
        }
        String shown = String.join(", ", items.subList(0, Math.min(NAMES_SHOWN, items.size())));
        diagnostics.add(Diagnostic.warning(items.size() + " " + what + shown
                + (items.size() > NAMES_SHOWN ? " and " + (items.size() - NAMES_SHOWN) + " more" : "")));
    }
}
