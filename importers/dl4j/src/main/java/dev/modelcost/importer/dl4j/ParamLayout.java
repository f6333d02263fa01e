package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.TensorRole;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parameters of one DL4J layer: keys in DL4J's order ({@code ParamInitializer.paramKeys}), shapes as
 * DL4J's initializers create them, and roles. DL4J's own {@code numParams} is the authority on the count;
 * where this table does not know a layer's shapes, or its shapes do not add up to that count, the layer's
 * parameters become one flat block.
 */
@SuppressWarnings("deprecation") // GravesLSTM and GravesBidirectionalLSTM: old files still use them
final class ParamLayout {
    /** One parameter array of a layer. */
    record Param(String key, long[] shape, TensorRole role, boolean trainable) {
        long elements() {
            long n = 1;
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
            return n;
        }
    }

    /** @param params the parameters in the order of the flattened parameter vector; {@code exact} false for a flat block */
    record Layout(List<Param> params, long count, boolean exact) {}

    private static final Set<String> STATISTICS = Set.of("mean", "var", "log10stdev");
    private static final Set<String> SCALE_SHIFT = Set.of("gamma", "beta");

    private ParamLayout() {}

    static Layout of(NeuralNetConfiguration conf, String blockName) {
        Layer layer = conf.getLayer();
        long count = layer.initializer().numParams(conf);
        if (count == 0) {
            return new Layout(List.of(), 0, true);
        }
        List<Param> params = null;
        try {
            params = shapes(layer, false);
        } catch (RuntimeException e) {
            params = null;
        }
        if (params != null && params.stream().mapToLong(Param::elements).sum() == count) {
            return new Layout(params, count, true);
        }
        boolean frozen = layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop;
        return new Layout(
                List.of(new Param(blockName, new long[] {count}, TensorRole.OTHER_PARAMETER, !frozen)), count, false);
    }

    /** Shapes in flattening order, or null when this table does not know the layer. */
    private static List<Param> shapes(Layer layer, boolean frozen) {
        if (layer instanceof FrozenLayer f) {
            return shapes(f.getLayer(), true);
        }
        if (layer instanceof FrozenLayerWithBackprop f) {
            return shapes(f.getUnderlying(), true);
        }
        if (layer instanceof Bidirectional b) {
            List<Param> fwd = shapes(b.getFwd(), frozen);
            List<Param> bwd = shapes(b.getBwd(), frozen);
            if (fwd == null || bwd == null) {
                return null;
            }
            List<Param> out = new ArrayList<>();
            fwd.forEach(p -> out.add(new Param("f" + p.key(), p.shape(), p.role(), p.trainable())));
            bwd.forEach(p -> out.add(new Param("b" + p.key(), p.shape(), p.role(), p.trainable())));
            return out;
        }
        if (layer instanceof BaseWrapperLayer w) {
            return shapes(w.getUnderlying(), frozen);
        }
        ParamInitializer init = layer.initializer();
        List<String> keys = init.paramKeys(layer);
        List<Param> out = new ArrayList<>();
        for (String key : keys) {
            long[] shape = shapeOf(layer, key);
            if (shape == null) {
                return null;
            }
            out.add(new Param(key, shape, roleOf(layer, init, key), !frozen && !STATISTICS.contains(key)));
        }
        if (layer instanceof ConvolutionLayer
                && out.size() == 2
                && out.get(1).key().equals("b")) {
            // Convolution initializers put the bias first in the flattened vector.
            out = List.of(out.get(1), out.get(0));
        }
        return out;
    }

    private static TensorRole roleOf(Layer layer, ParamInitializer init, String key) {
        if (layer instanceof BatchNormalization) {
            return SCALE_SHIFT.contains(key)
                    ? TensorRole.NORM_SCALE_SHIFT
                    : STATISTICS.contains(key) ? TensorRole.NORM_STATISTIC : TensorRole.OTHER_PARAMETER;
        }
        if (init.isWeightParam(layer, key)) {
            return TensorRole.WEIGHT;
        }
        if (init.isBiasParam(layer, key)) {
            return TensorRole.BIAS;
        }
        return TensorRole.OTHER_PARAMETER;
    }

    private static long[] shapeOf(Layer layer, String key) {
        if (layer instanceof org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer sd) {
            // SameDiff layers (SelfAttentionLayer, ...) declare their parameters' shapes themselves.
            return sd.getLayerParams().getParamShapes().get(key);
        }
        if (layer instanceof BatchNormalization bn) {
            return new long[] {1, bn.getNOut()};
        }
        if (layer instanceof VariationalAutoencoder vae) {
            return vaeShape(vae, key);
        }
        if (layer instanceof ConvolutionLayer c) {
            return convShape(c, key);
        }
        if (layer instanceof AbstractLSTM || layer instanceof GravesBidirectionalLSTM) {
            FeedForwardLayer lstm = (FeedForwardLayer) layer;
            long nIn = lstm.getNIn();
            long nOut = lstm.getNOut();
            boolean graves = layer instanceof GravesLSTM || layer instanceof GravesBidirectionalLSTM;
            String k = layer instanceof GravesBidirectionalLSTM ? key.substring(0, key.length() - 1) : key;
            return switch (k) {
                case "W" -> new long[] {nIn, 4 * nOut};
                case "RW" -> new long[] {nOut, 4 * nOut + (graves ? 3 : 0)};
                case "b" -> new long[] {1, 4 * nOut};
                default -> null;
            };
        }
        if (layer instanceof SimpleRnn rnn) {
            return switch (key) {
                case "W" -> new long[] {rnn.getNIn(), rnn.getNOut()};
                case "RW" -> new long[] {rnn.getNOut(), rnn.getNOut()};
                case "b", "gx", "gr" -> new long[] {1, rnn.getNOut()};
                default -> null;
            };
        }
        if (layer instanceof FeedForwardLayer ff) {
            return switch (key) {
                case "W" -> new long[] {ff.getNIn(), ff.getNOut()};
                case "b", "g" -> new long[] {1, ff.getNOut()};
                case "vb" -> new long[] {1, ff.getNIn()};
                case "cL" -> new long[] {ff.getNOut(), ff.getNIn()};
                default -> null;
            };
        }
        return null;
    }

    private static long[] convShape(ConvolutionLayer c, String key) {
        long nIn = c.getNIn();
        long nOut = c.getNOut();
        int[] k = c.getKernelSize();
        if (c instanceof DepthwiseConvolution2D d) {
            return switch (key) {
                case "W" -> new long[] {k[0], k[1], nIn, d.getDepthMultiplier()};
                case "b" -> new long[] {1, nIn * d.getDepthMultiplier()};
                default -> null;
            };
        }
        if (c instanceof SeparableConvolution2D s) {
            return switch (key) {
                case "W" -> new long[] {s.getDepthMultiplier(), nIn, k[0], k[1]};
                case "pW" -> new long[] {nOut, nIn * s.getDepthMultiplier(), 1, 1};
                case "b" -> new long[] {1, nOut};
                default -> null;
            };
        }
        if (key.equals("b")) {
            return new long[] {1, nOut};
        }
        if (!key.equals("W")) {
            return null;
        }
        long[] w = new long[2 + k.length];
        boolean transposed = c instanceof Deconvolution2D;
        w[0] = transposed ? nIn : nOut;
        w[1] = transposed ? nOut : nIn;
        for (int i = 0; i < k.length; i++) {
            w[2 + i] = k[i];
        }
        if (c instanceof Convolution3D && k.length != 3) {
            return null;
        }
        return w;
    }

    private static long[] vaeShape(VariationalAutoencoder vae, String key) {
        long nIn = vae.getNIn();
        long nOut = vae.getNOut();
        int[] enc = vae.getEncoderLayerSizes();
        int[] dec = vae.getDecoderLayerSizes();
        long pxz = vae.getOutputDistribution().distributionInputSize((int) nIn);
        boolean bias = key.endsWith("b");
        String base = key.substring(0, key.length() - 1);
        long in;
        long out;
        if (base.equals("pZXMean") || base.equals("pZXLogStd2")) {
            in = enc[enc.length - 1];
            out = nOut;
        } else if (base.equals("pXZ")) {
            in = dec[dec.length - 1];
            out = pxz;
        } else if (base.matches("[ed]\\d+")) {
            int i = Integer.parseInt(base.substring(1));
            int[] sizes = base.charAt(0) == 'e' ? enc : dec;
            long first = base.charAt(0) == 'e' ? nIn : nOut;
            in = i == 0 ? first : sizes[i - 1];
            out = sizes[i];
        } else {
            return null;
        }
        return bias ? new long[] {1, out} : new long[] {in, out};
    }
}
