package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Attr;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.AutoEncoder;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;

import java.util.HashMap;
import java.util.Map;

/**
 * The multiply-accumulates of a DL4J layer, as node attributes that {@link Dl4jLayerRule} scales by the
 * shapes it sees: {@code macs_kind} is "per_output" (× output elements), "per_input" (× input elements),
 * "per_row" (× input elements / {@code row_features}: one count per sample and time step), or absent (no MACs);
 * {@code macs_factor} is the count per unit. Where this table cannot say, {@code macs_kind} is "unknown".
 */
final class LayerCosts {
    static final String KIND = "macs_kind";
    static final String FACTOR = "macs_factor";
    static final String ROW_FEATURES = "row_features";

    private LayerCosts() { }

    static Map<String, Attr> of(Layer layer) {
        Map<String, Attr> a = new HashMap<>();
        try {
            fill(layer, a, 1);
        } catch (RuntimeException e) {
            a.clear();
            a.put(KIND, new Attr.Str("unknown"));
        }
        return a;
    }

    private static void fill(Layer layer, Map<String, Attr> a, long times) {
        if (layer instanceof FrozenLayer f) {
            fill(f.getLayer(), a, times);
            return;
        }
        if (layer instanceof Bidirectional b) {
            fill(b.getFwd(), a, times * 2);
            return;
        }
        if (layer instanceof BaseWrapperLayer w) {
            fill(w.getUnderlying(), a, times);
            return;
        }
        if (layer instanceof VariationalAutoencoder vae) {
            long in = vae.getNIn();
            long macs = 0;
            for (int size : vae.getEncoderLayerSizes()) {
                macs += in * size;
                in = size;
            }
            macs += in * vae.getNOut();
            put(a, "per_row", macs * times, vae.getNIn());
            return;
        }
        if (layer instanceof AbstractLSTM || layer instanceof GravesBidirectionalLSTM) {
            FeedForwardLayer l = (FeedForwardLayer) layer;
            long nIn = l.getNIn();
            long nOut = l.getNOut();
            boolean peepholes = layer instanceof GravesLSTM || layer instanceof GravesBidirectionalLSTM;
            long perStep = 4 * nOut * (nIn + nOut) + (peepholes ? 3 * nOut : 0);
            long directions = layer instanceof GravesBidirectionalLSTM ? 2 : 1;
            put(a, "per_row", Math.multiplyExact(perStep, directions * times), nIn);
            return;
        }
        if (layer instanceof SimpleRnn r) {
            put(a, "per_row", r.getNOut() * (r.getNIn() + r.getNOut()) * times, r.getNIn());
            return;
        }
        if (layer instanceof BaseRecurrentLayer) {
            a.put(KIND, new Attr.Str("unknown"));
            return;
        }
        if (layer instanceof ConvolutionLayer c) {
            long kernel = 1;
            for (int k : c.getKernelSize()) {
                kernel *= k;
            }
            if (c instanceof SeparableConvolution2D) {
                a.put(KIND, new Attr.Str("unknown"));
            } else if (c instanceof DepthwiseConvolution2D) {
                put(a, "per_output", kernel * times, 0);
            } else if (c instanceof Deconvolution2D) {
                put(a, "per_input", c.getNOut() * kernel * times, 0);
            } else {
                put(a, "per_output", c.getNIn() * kernel * times, 0);
            }
            return;
        }
        if (layer instanceof EmbeddingLayer || layer instanceof EmbeddingSequenceLayer || layer instanceof BatchNormalization) {
            return;
        }
        if (layer instanceof ElementWiseMultiplicationLayer) {
            put(a, "per_output", times, 0);
            return;
        }
        if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer || layer instanceof AutoEncoder) {
            put(a, "per_output", ((FeedForwardLayer) layer).getNIn() * times, 0);
            return;
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer) {
            a.put(KIND, new Attr.Str("unknown")); // SameDiff layers (attention): their cost is not in this table
            return;
        }
        if (layer instanceof FeedForwardLayer ff && ff.initializer().numParams(ff) > 0) {
            a.put(KIND, new Attr.Str("unknown"));
        }
        // Pooling, padding, cropping, activation, dropout, loss layers: no multiply-accumulates counted.
    }

    private static void put(Map<String, Attr> a, String kind, long factor, long rowFeatures) {
        a.put(KIND, new Attr.Str(kind));
        a.put(FACTOR, new Attr.Int(factor));
        if (rowFeatures > 0) {
            a.put(ROW_FEATURES, new Attr.Int(rowFeatures));
        }
    }
}
