package dev.modelcost.importer.dl4j;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The updater of every layer's parameters as DL4J's configuration assigns them, and the updater state
 * they imply: Σ stateSize over trainable parameters, by each parameter's own updater.
 */
final class UpdaterTally {
    private final Map<String, String> layerUpdaters = new LinkedHashMap<>();
    private final Map<String, Long> slotsByUpdater = new LinkedHashMap<>();
    private long expectedStateElements;
    private boolean complete = true;

    /** Updater class names per layer ("Adam", "Adam+NoOp", "unknown"). */
    Map<String, String> layerUpdaters() {
        return layerUpdaters;
    }

    /** State values per parameter of each updater class met (Adam 2, Nesterovs 1, Sgd 0). */
    Map<String, Long> slotsByUpdater() {
        return slotsByUpdater;
    }

    /** Σ stateSize over trainable parameters; -1 when some layer's updater was unknown. */
    long expectedStateElements() {
        return complete ? expectedStateElements : -1;
    }

    /** A layer whose updater cannot be known (a class not on the class path). */
    void unknown() {
        complete = false;
    }

    void add(String name, Layer layer, ParamLayout.Layout layout) {
        if (layout.count() == 0) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        try {
            List<String> keys = layer.initializer().paramKeys(layer);
            if (layout.exact()) {
                for (ParamLayout.Param p : layout.params()) {
                    count(layer.getUpdaterByParam(p.key()), p.elements(), names);
                }
            } else if (!keys.isEmpty()) {
                count(layer.getUpdaterByParam(keys.get(0)), layout.count(), names);
            }
        } catch (RuntimeException e) {
            complete = false;
            names.add("unknown");
        }
        layerUpdaters.put(name, String.join("+", names));
    }

    private void count(IUpdater u, long elements, Set<String> names) {
        expectedStateElements += u.stateSize(elements);
        names.add(u.getClass().getSimpleName());
        slotsByUpdater.put(u.getClass().getSimpleName(), u.stateSize(1));
    }
}
