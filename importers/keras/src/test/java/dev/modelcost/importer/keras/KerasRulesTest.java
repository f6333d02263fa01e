package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.modelcost.importer.keras.Synthetic.W;
import static dev.modelcost.importer.keras.Synthetic.layer;
import static dev.modelcost.importer.keras.Synthetic.report;
import static dev.modelcost.importer.keras.Synthetic.sequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layer rules on tiny hand-written configs; every expected number follows from Keras's documented formulas. */
class KerasRulesTest {

    static LayerRow row(Report r, String name) {
        return r.layers().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Shape shape(Report r, String name) {
        return row(r, name).output().shape();
    }

    @Test
    void conv2dSameKeepsSpatialSizeAndHas1792Parameters() throws Exception {
        Report r = report(
                sequential(
                        "[null, 224, 224, 3]",
                        layer(
                                "Conv2D",
                                "\"name\": \"c\", \"filters\": 64, \"kernel_size\": [3, 3], \"strides\": [1, 1], "
                                        + "\"padding\": \"same\", \"data_format\": \"channels_last\", \"activation\": \"relu\"")),
                new W("c", "kernel:0", 3, 3, 3, 64),
                new W("c", "bias:0", 64));
        assertEquals(Shape.of(1, 224, 224, 64), shape(r, "c"));
        assertEquals(1_792, r.parameters().total());
        // MACs: 224·224·64 outputs × 3·3·3 = 86,704,128
        assertEquals(224L * 224 * 64 * 27, r.macs());
    }

    @Test
    void conv2dValidStrideAndChannelsFirst() throws Exception {
        Report r = report(sequential(
                "[null, 3, 32, 32]",
                layer(
                        "Conv2D",
                        "\"name\": \"c\", \"filters\": 8, \"kernel_size\": 5, \"strides\": 2, "
                                + "\"padding\": \"valid\", \"data_format\": \"channels_first\"")));
        // floor((32 - 5) / 2) + 1 = 14
        assertEquals(Shape.of(1, 8, 14, 14), shape(r, "c"));
    }

    @Test
    void keras1Convolution2DNamesAreTranslated() throws Exception {
        Report r = report(sequential(
                "[null, 1, 28, 28]",
                layer(
                        "Convolution2D",
                        "\"name\": \"c\", \"nb_filter\": 6, \"nb_row\": 5, \"nb_col\": 3, "
                                + "\"subsample\": [1, 1], \"border_mode\": \"valid\", \"dim_ordering\": \"th\"")));
        assertEquals(Shape.of(1, 6, 24, 26), shape(r, "c"));
    }

    @Test
    void denseOnRank3AppliesToLastAxis() throws Exception {
        Report r = report(
                sequential("[null, 10, 16]", layer("Dense", "\"name\": \"d\", \"units\": 4")),
                new W("d", "kernel:0", 16, 4),
                new W("d", "bias:0", 4));
        assertEquals(Shape.of(1, 10, 4), shape(r, "d"));
        assertEquals(10L * 16 * 4, r.macs());
        assertEquals(68, r.parameters().total());
    }

    @Test
    void conv1dCausalAndDilated() throws Exception {
        Report r = report(sequential(
                "[null, 100, 8]",
                layer(
                        "Conv1D",
                        "\"name\": \"causal\", \"filters\": 16, \"kernel_size\": [3], \"strides\": [1], "
                                + "\"dilation_rate\": [4], \"padding\": \"causal\""),
                layer(
                        "Conv1D",
                        "\"name\": \"valid\", \"filters\": 16, \"kernel_size\": [3], \"strides\": [1], "
                                + "\"dilation_rate\": [4], \"padding\": \"valid\"")));
        assertEquals(Shape.of(1, 100, 16), shape(r, "causal"));
        // effective kernel (3-1)·4+1 = 9: 100 - 9 + 1 = 92
        assertEquals(Shape.of(1, 92, 16), shape(r, "valid"));
    }

    @Test
    void separableAndDepthwiseMacs() throws Exception {
        Report r = report(sequential(
                "[null, 8, 8, 4]",
                layer(
                        "DepthwiseConv2D",
                        "\"name\": \"dw\", \"kernel_size\": [3, 3], \"depth_multiplier\": 2, \"padding\": \"same\""),
                layer(
                        "SeparableConv2D",
                        "\"name\": \"sep\", \"filters\": 5, \"kernel_size\": [3, 3], \"padding\": \"valid\", "
                                + "\"depth_multiplier\": 1")));
        assertEquals(Shape.of(1, 8, 8, 8), shape(r, "dw"));
        assertEquals(8L * 8 * 8 * 9, row(r, "dw").macs());
        assertEquals(Shape.of(1, 6, 6, 5), shape(r, "sep"));
        // depthwise 6·6·8·9 + pointwise 6·6·8·5
        assertEquals(6L * 6 * 8 * 9 + 6L * 6 * 8 * 5, row(r, "sep").macs());
    }

    @Test
    void conv2dTransposeLengths() throws Exception {
        Report r = report(
                sequential(
                        "[null, 7, 7, 16]",
                        layer(
                                "Conv2DTranspose",
                                "\"name\": \"same\", \"filters\": 8, \"kernel_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\""),
                        layer(
                                "Conv2DTranspose",
                                "\"name\": \"valid\", \"filters\": 4, \"kernel_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"valid\"")));
        assertEquals(Shape.of(1, 14, 14, 8), shape(r, "same"));
        // 14·2 + max(3 - 2, 0) = 29
        assertEquals(Shape.of(1, 29, 29, 4), shape(r, "valid"));
        assertEquals(7L * 7 * 16 * 8 * 9, row(r, "same").macs());
    }

    @Test
    void poolingPaddingCroppingUpsampling() throws Exception {
        Report r = report(sequential(
                "[null, 15, 15, 3]",
                layer(
                        "MaxPooling2D",
                        "\"name\": \"p\", \"pool_size\": [2, 2], \"strides\": null, \"padding\": \"valid\""),
                layer("ZeroPadding2D", "\"name\": \"z\", \"padding\": [[1, 2], [0, 1]]"),
                layer("Cropping2D", "\"name\": \"cr\", \"cropping\": [[1, 1], [2, 0]]"),
                layer("UpSampling2D", "\"name\": \"u\", \"size\": [2, 3]"),
                layer(
                        "AveragePooling2D",
                        "\"name\": \"ap\", \"pool_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\""),
                layer("GlobalAveragePooling2D", "\"name\": \"g\"")));
        assertEquals(Shape.of(1, 7, 7, 3), shape(r, "p"));
        assertEquals(Shape.of(1, 10, 8, 3), shape(r, "z"));
        assertEquals(Shape.of(1, 8, 6, 3), shape(r, "cr"));
        assertEquals(Shape.of(1, 16, 18, 3), shape(r, "u"));
        assertEquals(Shape.of(1, 8, 9, 3), shape(r, "ap"));
        assertEquals(Shape.of(1, 3), shape(r, "g"));
    }

    @Test
    void recurrentLayersAndTheirMacs() throws Exception {
        Report r = report(
                sequential(
                        "[null, 20, 8]",
                        layer("LSTM", "\"name\": \"l\", \"units\": 16, \"return_sequences\": true"),
                        layer("GRU", "\"name\": \"g\", \"units\": 4, \"return_sequences\": false"),
                        layer("RepeatVector", "\"name\": \"rep\", \"n\": 3"),
                        layer("SimpleRNN", "\"name\": \"s\", \"units\": 2, \"return_sequences\": true")),
                new W("l", "kernel:0", 8, 64),
                new W("l", "recurrent_kernel:0", 16, 64),
                new W("l", "bias:0", 64));
        assertEquals(Shape.of(1, 20, 16), shape(r, "l"));
        assertEquals(20L * 4 * 16 * (8 + 16), row(r, "l").macs());
        assertEquals(Shape.of(1, 4), shape(r, "g"));
        assertEquals(20L * 3 * 4 * (16 + 4), row(r, "g").macs());
        assertEquals(Shape.of(1, 3, 4), shape(r, "rep"));
        assertEquals(Shape.of(1, 3, 2), shape(r, "s"));
        assertEquals(3L * 1 * 2 * (4 + 2), row(r, "s").macs());
    }

    @Test
    void bidirectionalAndTimeDistributedWrapTheirLayer() throws Exception {
        Report r = report(sequential(
                "[null, 5, 6]",
                layer(
                        "Bidirectional",
                        "\"name\": \"bi\", \"merge_mode\": \"concat\", \"layer\": "
                                + layer("LSTM", "\"name\": \"inner\", \"units\": 3, \"return_sequences\": true")),
                layer(
                        "TimeDistributed",
                        "\"name\": \"td\", \"layer\": " + layer("Dense", "\"name\": \"dd\", \"units\": 7"))));
        assertEquals(Shape.of(1, 5, 6), shape(r, "bi"));
        assertEquals(2L * 5 * 4 * 3 * (6 + 3), row(r, "bi").macs());
        assertEquals(Shape.of(1, 5, 7), shape(r, "td"));
        assertEquals(5L * 6 * 7, row(r, "td").macs());
    }

    @Test
    void embeddingReshapeFlattenPermute() throws Exception {
        Report r = report(
                sequential(
                        "[null, 12]",
                        layer("Embedding", "\"name\": \"e\", \"input_dim\": 1000, \"output_dim\": 8"),
                        layer("Reshape", "\"name\": \"r\", \"target_shape\": [4, -1]"),
                        layer("Permute", "\"name\": \"p\", \"dims\": [2, 1]"),
                        layer("Flatten", "\"name\": \"f\"")),
                new W("e", "embeddings:0", 1000, 8));
        assertEquals(Shape.of(1, 12, 8), shape(r, "e"));
        assertEquals(Shape.of(1, 4, 24), shape(r, "r"));
        assertEquals(Shape.of(1, 24, 4), shape(r, "p"));
        assertEquals(Shape.of(1, 96), shape(r, "f"));
        assertEquals(0, row(r, "r").activationElements(), "Reshape is a view");
        assertEquals(0, row(r, "f").activationElements(), "Flatten is a view");
        assertEquals(96, row(r, "p").activationElements(), "Permute writes a new buffer");
        assertEquals(8000, r.parameters().role(dev.modelcost.core.ir.TensorRole.WEIGHT), "embeddings count as weights");
    }

    @Test
    void functionalMergeLayersAndSharedLayerCalls() throws Exception {
        String cfg =
                """
            {"class_name": "Model", "config": {"name": "m",
              "layers": [
                {"class_name": "InputLayer", "name": "a", "config": {"name": "a", "batch_input_shape": [null, 4]}, "inbound_nodes": []},
                {"class_name": "InputLayer", "name": "b", "config": {"name": "b", "batch_input_shape": [null, 4]}, "inbound_nodes": []},
                {"class_name": "Dense", "name": "shared", "config": {"name": "shared", "units": 3},
                 "inbound_nodes": [[["a", 0, 0, {}]], [["b", 0, 0, {}]]]},
                {"class_name": "Concatenate", "name": "cat", "config": {"name": "cat", "axis": -1},
                 "inbound_nodes": [[["shared", 0, 0, {}], ["shared", 1, 0, {}]]]},
                {"class_name": "Add", "name": "add", "config": {"name": "add"},
                 "inbound_nodes": [[["shared", 0, 0, {}], ["shared", 1, 0, {}]]]}
              ],
              "input_layers": [["a", 0, 0], ["b", 0, 0]],
              "output_layers": [["cat", 0, 0], ["add", 0, 0]]}}
            """;
        Report r = report(cfg, new W("shared", "kernel:0", 4, 3), new W("shared", "bias:0", 3));
        assertEquals(15, r.parameters().total(), "a shared layer's weights count once");
        assertEquals(Shape.of(1, 6), r.outputs().get(0).type().shape());
        assertEquals(Shape.of(1, 3), r.outputs().get(1).type().shape());
        assertEquals(2L * 4 * 3, r.macs(), "two calls of the shared Dense");
    }

    @Test
    void keras3FunctionalWithNestedSequential() throws Exception {
        String cfg =
                """
            {"class_name": "Functional", "config": {"name": "outer",
              "layers": [
                {"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_shape": [null, 8], "dtype": "float32"}, "inbound_nodes": []},
                {"class_name": "Sequential", "name": "inner", "config": {"name": "inner", "layers": [
                    {"class_name": "InputLayer", "config": {"name": "inner_in", "batch_shape": [null, 8]}},
                    {"class_name": "Dense", "config": {"name": "d1", "units": 5}},
                    {"class_name": "Dense", "config": {"name": "d2", "units": 2}}]},
                 "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 8], "dtype": "float32", "keras_history": ["in", 0, 0]}}], "kwargs": {}}]},
                {"class_name": "Softmax", "name": "sm", "config": {"name": "sm"},
                 "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 2], "dtype": "float32", "keras_history": ["inner", 0, 0]}}], "kwargs": {}}]}
              ],
              "input_layers": [["in", 0, 0]],
              "output_layers": [["sm", 0, 0]]}}
            """;
        Report r = report(
                cfg,
                new W("inner/d1", "kernel", 8, 5),
                new W("inner/d1", "bias", 5),
                new W("inner/d2", "kernel", 5, 2),
                new W("inner/d2", "bias", 2));
        assertEquals(Shape.of(1, 2), r.outputs().get(0).type().shape());
        assertEquals(Shape.of(1, 5), shape(r, "inner/d1"));
        assertEquals(8L * 5 + 5L * 2, r.macs());
        assertEquals(57, r.parameters().total());
    }

    @Test
    void unknownLayerClassIsNamedInADiagnostic() throws Exception {
        Report r = report(
                sequential(
                        "[null, 4]",
                        layer("MyCustomLayer", "\"name\": \"custom\", \"units\": 3"),
                        layer("Dense", "\"name\": \"d\", \"units\": 2")),
                new W("custom", "kernel:0", 4, 3),
                new W("custom", "scale:0", 3));
        assertTrue(
                r.diagnostics().stream()
                        .anyMatch(d -> d.message().contains("'custom' (MyCustomLayer) has no shape rule")),
                r.diagnostics().toString());
        assertEquals(15, r.parameters().total(), "weights of unknown layers still count");
        assertEquals(3, r.parameters().role(dev.modelcost.core.ir.TensorRole.OTHER_PARAMETER));
        assertFalse(r.outputs().get(0).type().shape().isFullyKnown());
    }

    /**
     * VGG-16 as Keras builds it (keras.applications.vgg16, include_top=True): published oracles are
     * 138,357,544 parameters and 15,237,608 activation values per sample (input + every layer output,
     * Flatten being a view).
     */
    @Test
    void vgg16() throws Exception {
        List<String> layers = new ArrayList<>();
        List<W> weights = new ArrayList<>();
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        long cin = 3;
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 0; c < blocks[b].length; c++) {
                String name = "block" + (b + 1) + "_conv" + (c + 1);
                long cout = blocks[b][c];
                layers.add(
                        layer(
                                "Conv2D",
                                "\"name\": \"" + name + "\", \"filters\": " + cout
                                        + ", \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"same\", \"activation\": \"relu\""));
                weights.add(new W(name, "kernel:0", 3, 3, cin, cout));
                weights.add(new W(name, "bias:0", cout));
                cin = cout;
            }
            layers.add(layer(
                    "MaxPooling2D",
                    "\"name\": \"block" + (b + 1)
                            + "_pool\", \"pool_size\": [2, 2], \"strides\": [2, 2], \"padding\": \"valid\""));
        }
        layers.add(layer("Flatten", "\"name\": \"flatten\""));
        long in = 7 * 7 * 512;
        String[] dense = {"fc1", "fc2", "predictions"};
        long[] units = {4096, 4096, 1000};
        for (int i = 0; i < 3; i++) {
            layers.add(layer("Dense", "\"name\": \"" + dense[i] + "\", \"units\": " + units[i]));
            weights.add(new W(dense[i], "kernel:0", in, units[i]));
            weights.add(new W(dense[i], "bias:0", units[i]));
            in = units[i];
        }
        Report r = report(sequential("[null, 224, 224, 3]", layers.toArray(String[]::new)), weights.toArray(W[]::new));
        assertEquals(138_357_544L, r.parameters().total());
        assertEquals(15_237_608L, r.activations().layerOutputElements());
        assertEquals(Shape.of(1, 1000), r.outputs().get(0).type().shape());
        assertTrue(r.macsComplete());
    }
}
