package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.MacsRate;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.Diagnostic;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a DL4J configuration (parsed by DL4J's own classes) in execution order and feeds the
 * {@link GraphBuilder}: preprocessors, layers and vertices, their parameters, and the output types DL4J
 * computes from the network's input type. When DL4J cannot parse the whole configuration (a custom layer
 * class not on the class path), each layer is parsed on its own and the unknown ones are kept by name.
 */
final class NetworkReader {
    /** A graph value and its DL4J input type (null when not known). */
    private record V(GraphBuilder.Value value, InputType type) {}

    private final GraphBuilder b;
    private final List<Diagnostic> diagnostics;
    private final Map<String, Long> layerParams = new LinkedHashMap<>();
    private final UpdaterTally updaters = new UpdaterTally();
    private final List<String> unknownClasses = new ArrayList<>();

    NetworkReader(GraphBuilder b, List<Diagnostic> diagnostics) {
        this.b = b;
        this.diagnostics = diagnostics;
    }

    Map<String, Long> layerParams() {
        return layerParams;
    }

    /** Each layer's updater and the optimizer state they imply. */
    UpdaterTally updaters() {
        return updaters;
    }

    List<String> unknownClasses() {
        return unknownClasses;
    }

    // ---------------------------------------------------------------- MultiLayerNetwork

    void multiLayer(MultiLayerConfiguration c) {
        List<NeuralNetConfiguration> confs = c.getConfs();
        InputType in = DeclaredInputs.ofMultiLayer(
                c.getInputPreProcessors(), confs.isEmpty() ? null : confs.get(0).getLayer());
        if (in == null) {
            in = DeclaredInputs.inferred(
                    diagnostics,
                    confs.stream().map(NeuralNetConfiguration::getLayer).toList(),
                    c.getInputPreProcessors());
        }
        V cur = input("input", in, confs.isEmpty() ? null : confs.get(0).getLayer());
        for (int i = 0; i < confs.size(); i++) {
            cur = layer(
                    Dl4jTypes.layerName(confs.get(i).getLayer(), i),
                    confs.get(i),
                    List.of(cur),
                    c.getInputPreProcess(i),
                    i);
        }
        b.output(cur.value());
    }

    /** Layer by layer, for a configuration DL4J could not parse whole. */
    void rawMultiLayer(JsonNode root, ObjectMapper mapper, long headerLength) {
        JsonNode confsNode = root.path("confs");
        List<Object> parsed = new ArrayList<>(); // NeuralNetConfiguration or UnknownLayer
        long known = 0;
        int withParams = 0;
        for (int i = 0; i < confsNode.size(); i++) {
            JsonNode conf = confsNode.get(i);
            try {
                NeuralNetConfiguration nn = LegacyConfig.layer(conf);
                known += nn.getLayer().initializer().numParams(nn);
                parsed.add(nn);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                UnknownLayer u = UnknownLayer.parse(conf, i);
                parsed.add(u);
                if (!u.variables().isEmpty()) {
                    withParams++;
                }
            }
        }
        long remainder = headerLength - known;
        Map<Integer, InputPreProcessor> pres = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        root.path("inputPreProcessors").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                pres.put(Integer.parseInt(e.getKey()), LegacyConfig.preprocessor(e.getValue(), mapper));
            } catch (Exception | StackOverflowError ex) {
                diagnostics.add(Diagnostic.warning(
                        "preprocessor of layer " + e.getKey() + " cannot be read: " + Dl4jTypes.firstLine(ex)));
            }
        }
        Layer first =
                parsed.isEmpty() || !(parsed.get(0) instanceof NeuralNetConfiguration nn0) ? null : nn0.getLayer();
        InputType in = DeclaredInputs.ofMultiLayer(pres, first);
        if (in == null && parsed.stream().allMatch(x -> x instanceof NeuralNetConfiguration)) {
            in = DeclaredInputs.inferred(
                    diagnostics,
                    parsed.stream()
                            .map(x -> ((NeuralNetConfiguration) x).getLayer())
                            .toList(),
                    pres);
        }
        V cur = input("input", in, first);
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.get(i) instanceof NeuralNetConfiguration nn) {
                cur = layer(Dl4jTypes.layerName(nn.getLayer(), i), nn, List.of(cur), pres.get(i), i);
            } else {
                UnknownLayer u = (UnknownLayer) parsed.get(i);
                cur = unknownLayer(
                        u, List.of(cur), withParams == 1 && !u.variables().isEmpty() ? remainder : -1);
            }
        }
        if (withParams != 1 && remainder > 0) {
            b.unattributed("(parameters of unknown layers)", remainder);
            diagnostics.add(
                    Diagnostic.warning(remainder + " parameters in coefficients.bin belong to layers of unknown "
                            + "classes and cannot be split between them"));
        }
        b.output(cur.value());
    }

    private V unknownLayer(UnknownLayer u, List<V> ins, long params) {
        unknownClasses.add(u.className());
        String simple = u.className().substring(u.className().lastIndexOf('.') + 1);
        List<ParamLayout.Param> ps = u.params(params);
        diagnostics.add(u.diagnostic(params, ps));
        List<String> names = b.parameters(u.name(), ps);
        layerParams.put(u.name(), Math.max(params, 0));
        updaters.unknown();
        GraphBuilder.Value out = b.node(
                u.name(),
                simple,
                inputNames(ins),
                names,
                Shape.UNKNOWN_RANK,
                false,
                Map.of("class", new Attr.Str(u.className())));
        return new V(out, null);
    }

    // ---------------------------------------------------------------- ComputationGraph

    void graph(ComputationGraphConfiguration c) {
        graph(c.getNetworkInputs(), c.getNetworkOutputs(), c.getVertices(), c.getVertexInputs());
    }

    void rawGraph(JsonNode root, ObjectMapper mapper) {
        List<String> ins = new ArrayList<>();
        root.path("networkInputs").forEach(n -> ins.add(n.asText()));
        List<String> outs = new ArrayList<>();
        root.path("networkOutputs").forEach(n -> outs.add(n.asText()));
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        root.path("vertexInputs").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> l = new ArrayList<>();
            e.getValue().forEach(n -> l.add(n.asText()));
            edges.put(e.getKey(), l);
        }
        Map<String, Object> vertices = new LinkedHashMap<>(); // GraphVertex or UnknownLayer
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("vertices").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                vertices.put(e.getKey(), mapper.treeToValue(e.getValue(), GraphVertex.class));
            } catch (Exception | StackOverflowError ex) {
                JsonNode conf = e.getValue().path("layerConf");
                UnknownLayer u = UnknownLayer.parse(conf.isMissingNode() ? e.getValue() : conf, 0);
                String cls = u.className().equals(UnknownLayer.UNNAMED_CLASS)
                        ? e.getValue().path("@class").asText(u.className())
                        : u.className();
                vertices.put(e.getKey(), u.as(e.getKey(), cls));
            }
        }
        graph(ins, outs, vertices, edges);
    }

    private void graph(
            List<String> inputs, List<String> outputs, Map<String, ?> vertices, Map<String, List<String>> edges) {
        Map<String, V> vals = new HashMap<>();
        Map<String, Object> firstReader = new HashMap<>();
        for (Map.Entry<String, ?> e : vertices.entrySet()) {
            for (String src : edges.getOrDefault(e.getKey(), List.of())) {
                firstReader.putIfAbsent(src, e.getValue());
            }
        }
        for (String in : inputs) {
            Object reader = firstReader.get(in);
            LayerVertex lv = reader instanceof LayerVertex l ? l : null;
            vals.put(
                    in,
                    input(
                            in,
                            lv == null ? null : DeclaredInputs.ofVertex(lv),
                            lv == null ? null : lv.getLayerConf().getLayer()));
        }
        int index = 0;
        GraphOrder order = GraphOrder.of(inputs, vertices.keySet(), edges);
        for (String v : order.stranded()) {
            diagnostics.add(Diagnostic.warning("vertex '" + v + "' sits on a cycle or reads a missing input"));
        }
        for (String name : order.order()) {
            List<V> ins = new ArrayList<>();
            for (String src : edges.getOrDefault(name, List.of())) {
                V v = vals.get(src);
                if (v == null) {
                    diagnostics.add(
                            Diagnostic.warning("vertex '" + name + "' reads '" + src + "', which nothing produces"));
                    v = new V(new GraphBuilder.Value(src, Shape.UNKNOWN_RANK), null);
                }
                ins.add(v);
            }
            Object vertex = vertices.get(name);
            V out;
            if (vertex instanceof LayerVertex lv) {
                out = layer(name, lv.getLayerConf(), ins, lv.getPreProcessor(), index);
            } else if (vertex instanceof GraphVertex gv) {
                out = vertex(name, gv, ins, index);
            } else {
                out = unknownLayer((UnknownLayer) vertex, ins, -1);
            }
            vals.put(name, out);
            index++;
        }
        for (String o : outputs) {
            V v = vals.get(o);
            if (v != null) {
                b.output(v.value());
            }
        }
    }

    /** A network input's type as the layer that reads it implies: its preprocessor's fields, else its nIn. */
    private V vertex(String name, GraphVertex gv, List<V> ins, int index) {
        long params = 0;
        try {
            params = gv.numParams(true);
        } catch (RuntimeException e) {
            diagnostics.add(
                    Diagnostic.warning("vertex '" + name + "': parameter count unknown: " + Dl4jTypes.firstLine(e)));
        }
        List<String> names = b.parameters(
                name,
                params > 0
                        ? List.of(
                                new ParamLayout.Param("params", new long[] {params}, TensorRole.OTHER_PARAMETER, true))
                        : List.of());
        layerParams.put(name, params);
        InputType outT = null;
        if (ins.stream().allMatch(v -> v.type() != null)) {
            try {
                outT = gv.getOutputType(index, ins.stream().map(V::type).toArray(InputType[]::new));
            } catch (RuntimeException e) {
                diagnostics.add(Diagnostic.info(
                        "vertex '" + name + "': DL4J cannot give its output type: " + Dl4jTypes.firstLine(e)));
            }
        }
        Map<String, Attr> attrs =
                params > 0 ? Map.of(Dl4jLayerRule.MACS_RATE, LayerCosts.attr(MacsRate.UNKNOWN)) : Map.of();
        Shape shape = outT == null ? Shape.UNKNOWN_RANK : Dl4jTypes.shapeOf(outT);
        return new V(b.node(name, gv.getClass().getSimpleName(), inputNames(ins), names, shape, true, attrs), outT);
    }

    // ---------------------------------------------------------------- layers and preprocessors

    private V input(String name, InputType t, Layer consumer) {
        Shape shape = t != null
                ? Dl4jTypes.shapeOf(t)
                : consumer != null ? Dl4jTypes.partialInput(consumer) : Shape.UNKNOWN_RANK;
        if (shape.hasRank() && shape.dims().contains(dev.modelcost.core.ir.Dim.symbol(Dl4jTypes.TIME))) {
            diagnostics.add(Diagnostic.info("input '" + name + "' is a sequence of unknown length '" + Dl4jTypes.TIME
                    + "': pass --dim " + Dl4jTypes.TIME + "=N for its activation and MAC figures"));
        } else if (shape.hasRank()
                && shape.dims().subList(1, shape.rank()).stream().anyMatch(d -> !d.isFixed())) {
            diagnostics.add(Diagnostic.info("input '" + name + "': the configuration does not give its size beyond "
                    + shape + " (no input type stored; DL4J infers it at fit time)"));
        }
        return new V(b.input(name, shape), t);
    }

    private V layer(String name, NeuralNetConfiguration conf, List<V> ins, InputPreProcessor pre, int index) {
        List<V> inputs = ins;
        if (pre != null && !ins.isEmpty()) {
            List<V> l = new ArrayList<>(ins);
            l.set(0, preprocessor(name + ":preprocessor", pre, ins.get(0)));
            inputs = l;
        }
        Layer layer = conf.getLayer();
        String opType = layer.getClass().getSimpleName();
        ParamLayout.Layout layout = ParamLayout.of(conf, "params");
        if (!layout.exact()) {
            diagnostics.add(Diagnostic.info("layer '" + name + "' (" + opType + "): the split of its " + layout.count()
                    + " parameters into arrays is not known here; counted as one block"));
        }
        List<String> names = b.parameters(name, layout.params());
        layerParams.put(name, layout.count());
        updaters.add(name, layer, layout);
        InputType inT = inputs.isEmpty() ? null : inputs.get(0).type();
        if (inT == null) {
            inT = Dl4jTypes.impliedInput(layer);
        }
        InputType outT = null;
        if (inT != null) {
            try {
                outT = layer.getOutputType(index, inT);
            } catch (RuntimeException e) {
                diagnostics.add(Diagnostic.info("layer '" + name + "' (" + opType
                        + "): DL4J cannot give its output type for input " + inT + ": " + Dl4jTypes.firstLine(e)));
            }
        }
        if (outT != null && Dl4jTypes.unwrap(layer) instanceof GlobalPoolingLayer gp && gp.isCollapseDimensions()) {
            outT = DeclaredInputs.collapsed(outT);
        }
        if (outT instanceof InputType.InputTypeFeedForward ff
                && ff.getSize() == 0
                && Dl4jTypes.unwrap(layer) instanceof org.deeplearning4j.nn.conf.layers.LossLayer) {
            outT = inT; // DL4J ≤ 0.9 wrote nOut 0 for a loss layer; it passes its input's shape on
        }
        Map<String, Attr> attrs =
                new LinkedHashMap<>(Map.of(Dl4jLayerRule.MACS_RATE, LayerCosts.attr(LayerCosts.of(layer))));
        attrs.put("class", new Attr.Str(layer.getClass().getName()));
        Shape inShape =
                inputs.isEmpty() ? Shape.UNKNOWN_RANK : inputs.get(0).value().shape();
        Shape shape = outT == null ? Dl4jTypes.partialOutput(layer, inShape) : Dl4jTypes.shapeOf(outT);
        var window = TimeWindow.of(layer);
        if (window.isPresent()) {
            attrs.put(TimeWindow.ATTR, window.get());
            if (inT instanceof InputType.InputTypeRecurrent r && r.getTimeSeriesLength() <= 0) {
                // DL4J's answer for an unknown length is not a length: keep it symbolic, the rule computes it.
                shape = Dl4jTypes.withTime(shape, outT);
            }
        }
        boolean timeFromInput = Dl4jTypes.keepsTime(layer) || window.isPresent();
        return new V(b.node(name, opType, inputNames(inputs), names, shape, timeFromInput, attrs), outT);
    }

    /**
     * DL4J 1.0.0-M2.1's GlobalPoolingLayer returns its recurrent input type unchanged even when it collapses
     * the time axis (its own getLayerActivationTypes then fails on the next layer); the activations are
     * [batch, features].
     */
    private V preprocessor(String name, InputPreProcessor pre, V in) {
        InputType inT = in.type() != null ? in.type() : Dl4jTypes.describedInput(pre);
        InputType outT = null;
        if (inT != null) {
            try {
                outT = pre.getOutputType(inT);
            } catch (RuntimeException e) {
                diagnostics.add(
                        Diagnostic.info("'" + name + "': DL4J cannot give its output type: " + Dl4jTypes.firstLine(e)));
            }
        }
        Shape shape = outT == null ? Shape.UNKNOWN_RANK : Dl4jTypes.shapeOf(outT);
        return new V(
                b.node(
                        name,
                        pre.getClass().getSimpleName(),
                        List.of(in.value().name()),
                        List.of(),
                        shape,
                        true,
                        Map.of("class", new Attr.Str(pre.getClass().getName()))),
                outT);
    }

    private static List<String> inputNames(List<V> ins) {
        return ins.stream().map(v -> v.value().name()).toList();
    }
}
