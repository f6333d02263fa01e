package dev.modelcost.importer.keras;

import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static dev.modelcost.importer.keras.Synthetic.layer;
import static dev.modelcost.importer.keras.Synthetic.sequential;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * TimeDistributed allocates as the layer it applies: Dropout and Flatten are views of their input (docs: in-place
 * ops and views add nothing), so TimeDistributed(Dropout) and TimeDistributed(Flatten) add nothing either.
 */
class TimeDistributedViewsTest {
    @Test
    void timeDistributedDropoutAndFlattenAreViews() throws Exception {
        String cfg = sequential(
                "[null, 5, 2, 3]",
                layer(
                        "TimeDistributed",
                        "\"name\": \"td_drop\", \"layer\": {\"class_name\": \"Dropout\", \"config\": {\"name\": \"drop\", \"rate\": 0.5}}"),
                layer(
                        "TimeDistributed",
                        "\"name\": \"td_flat\", \"layer\": {\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\"}}"),
                layer(
                        "TimeDistributed",
                        "\"name\": \"td_dense\", \"layer\": {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2}}"));
        Report r = Synthetic.report(
                cfg, new Synthetic.W("td_dense", "kernel", 6, 2), new Synthetic.W("td_dense", "bias", 2));
        Map<String, Long> rows = new TreeMap<>();
        r.layers().forEach(l -> rows.put(l.name(), l.activationElements()));
        // input 5×2×3 = 30; the views add 0; the Dense writes 5 steps × 2 units
        assertEquals(Map.of("td_drop", 0L, "td_flat", 0L, "td_dense", 10L), rows);
        assertEquals(40, r.activations().layerOutputElements());
        assertEquals(
                5 * 6 * 2,
                r.layers().stream()
                        .filter(l -> l.name().equals("td_dense"))
                        .mapToLong(LayerRow::macs)
                        .sum());
    }
}
