package dev.modelcost.importer.keras.oracle;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs DL4J's own Keras import on one file and prints {@code OK <numParams> <entry point>} followed by one
 * {@code LAYER <name> <numParams>} line per layer, or one line {@code REFUSED <what each entry point threw>}
 * (exit status 10). Meant for a forked JVM (KerasDl4jOracleTest): DL4J's native code can crash or hang the
 * process, which then shows as the fork's exit status or its timeout.
 *
 * <p>Mode {@code full} imports the model with its weights, as a user would ({@code numParams()} of the network).
 * Mode {@code config} builds only DL4J's configuration from the file's {@code model_config} and counts the
 * parameters each layer's initializer would allocate: no network is instantiated, so no native weight
 * initialisation runs (the step that crashes on some LSTM models).
 */
public final class Dl4jKerasImport {
    private Dl4jKerasImport() {}

    public static void main(String[] args) {
        boolean full = args[0].equals("full");
        String file = args[1];
        // Training configurations DL4J does not support (losses, optimizers) must not hide the parameter count.
        String functional;
        try {
            print("functional", full ? fullFunctional(file) : configFunctional(file));
            return;
        } catch (Throwable t) {
            functional = describe(t);
        }
        String sequential;
        try {
            print("sequential", full ? fullSequential(file) : configSequential(file));
            return;
        } catch (Throwable t) {
            sequential = describe(t);
        }
        System.out.println("REFUSED functional: " + functional + " | sequential: " + sequential);
        System.out.flush();
        Runtime.getRuntime().halt(10);
    }

    private static Map<String, Long> fullFunctional(String file) throws Exception {
        ComputationGraph g = KerasModelImport.importKerasModelAndWeights(file, false);
        return layers(g.getLayers());
    }

    private static Map<String, Long> fullSequential(String file) throws Exception {
        MultiLayerNetwork n = KerasModelImport.importKerasSequentialModelAndWeights(file, false);
        return layers(n.getLayers());
    }

    private static Map<String, Long> configFunctional(String file) throws Exception {
        KerasModel m = new KerasModel()
                .modelBuilder()
                .modelHdf5Filename(file)
                .enforceTrainingConfig(false)
                .buildModel();
        ComputationGraphConfiguration conf = m.getComputationGraphConfiguration();
        Map<String, Long> out = new LinkedHashMap<>();
        conf.getVertices().forEach((name, vertex) -> {
            long n = vertex.numParams(false);
            if (n > 0) {
                out.put(name, n);
            }
        });
        return out;
    }

    private static Map<String, Long> configSequential(String file) throws Exception {
        KerasSequentialModel m = new KerasSequentialModel()
                .modelBuilder()
                .modelHdf5Filename(file)
                .enforceTrainingConfig(false)
                .buildSequential();
        MultiLayerConfiguration conf = m.getMultiLayerConfiguration();
        Map<String, Long> out = new LinkedHashMap<>();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            out.put(c.getLayer().getLayerName(), c.getLayer().initializer().numParams(c));
        }
        return out;
    }

    private static Map<String, Long> layers(Layer[] layers) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Layer l : layers) {
            out.put(l.conf().getLayer().getLayerName(), l.numParams());
        }
        return out;
    }

    /** The line after the last layer: the result is complete (whatever the JVM's exit does after it). */
    static final String END = "END";

    private static void print(String entryPoint, Map<String, Long> layers) {
        long total = layers.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("OK " + total + " " + entryPoint);
        layers.forEach((name, n) -> System.out.println("LAYER " + name + " " + n));
        System.out.println(END);
        System.out.flush();
        // Exit at once, without shutdown hooks: ND4J's native threads would keep the fork alive, and its native
        // memory has been seen to crash the JVM's own exit (free() in the VM thread).
        Runtime.getRuntime().halt(0);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg =
                String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
        if (msg.length() > 160) {
            msg = msg.substring(0, 160) + "…";
        }
        return root.getClass().getSimpleName() + ": " + msg;
    }
}
