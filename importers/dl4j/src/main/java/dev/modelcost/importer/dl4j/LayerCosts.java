package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.MacsRate;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.AutoEncoder;
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
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;

/**
 * The multiply-accumulates of a DL4J layer as a {@link MacsRate} that {@link Dl4jLayerRule} scales by the shapes it
 * sees: per output element, per input element, or per input row (one per sample and time step); none for layers
 * without multiply-accumulates, unknown where this table cannot say.
 */
@SuppressWarnings("deprecation") // GravesLSTM and GravesBidirectionalLSTM: old files still use them
final class LayerCosts {
    private LayerCosts() {}

    /** The rate as the node attribute the DL4J rule reads. */
    static Attr attr(MacsRate rate) {
        return new Attr.MacsRateValue(rate);
    }

    static MacsRate of(Layer layer) {
        try {
            return rate(layer, 1);
        } catch (RuntimeException e) {
            return MacsRate.UNKNOWN; // DL4J's getters throw on incomplete configurations
        }
    }

    private static MacsRate rate(Layer layer, long times) {
        if (layer instanceof FrozenLayer f) {
            return rate(f.getLayer(), times);
        }
        if (layer instanceof Bidirectional b) {
            return rate(b.getFwd(), times * 2);
        }
        if (layer instanceof BaseWrapperLayer w) {
            return rate(w.getUnderlying(), times);
        }
        if (layer instanceof VariationalAutoencoder vae) {
            long in = vae.getNIn();
            long macs = 0;
            for (int size : vae.getEncoderLayerSizes()) {
                macs += in * size;
                in = size;
            }
            macs += in * vae.getNOut();
            return perRow(macs * times, vae.getNIn());
        }
        if (layer instanceof AbstractLSTM || layer instanceof GravesBidirectionalLSTM) {
            FeedForwardLayer l = (FeedForwardLayer) layer;
            long nIn = l.getNIn();
            long nOut = l.getNOut();
            boolean peepholes = layer instanceof GravesLSTM || layer instanceof GravesBidirectionalLSTM;
            long perStep = 4 * nOut * (nIn + nOut) + (peepholes ? 3 * nOut : 0);
            long directions = layer instanceof GravesBidirectionalLSTM ? 2 : 1;
            return perRow(Math.multiplyExact(perStep, directions * times), nIn);
        }
        if (layer instanceof SimpleRnn r) {
            return perRow(r.getNOut() * (r.getNIn() + r.getNOut()) * times, r.getNIn());
        }
        if (layer instanceof BaseRecurrentLayer) {
            return MacsRate.UNKNOWN;
        }
        if (layer instanceof ConvolutionLayer c) {
            long kernel = 1;
            for (int k : c.getKernelSize()) {
                kernel *= k;
            }
            if (c instanceof SeparableConvolution2D) {
                return MacsRate.UNKNOWN;
            } else if (c instanceof DepthwiseConvolution2D) {
                return MacsRate.perOutputElement(kernel * times);
            } else if (c instanceof Deconvolution2D) {
                return MacsRate.perInputElement(c.getNOut() * kernel * times);
            }
            return MacsRate.perOutputElement(c.getNIn() * kernel * times);
        }
        if (layer instanceof EmbeddingLayer
                || layer instanceof EmbeddingSequenceLayer
                || layer instanceof BatchNormalization) {
            return MacsRate.NONE;
        }
        if (layer instanceof ElementWiseMultiplicationLayer) {
            return MacsRate.perOutputElement(times);
        }
        if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer || layer instanceof AutoEncoder) {
            return MacsRate.perOutputElement(((FeedForwardLayer) layer).getNIn() * times);
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer) {
            return MacsRate.UNKNOWN; // SameDiff layers (attention): their cost is not in this table
        }
        if (layer instanceof FeedForwardLayer ff && ff.initializer().numParams(ff) > 0) {
            return MacsRate.UNKNOWN;
        }
        // Pooling, padding, cropping, activation, dropout, loss layers: no multiply-accumulates counted.
        return MacsRate.NONE;
    }

    private static MacsRate perRow(long macs, long rowFeatures) {
        return new MacsRate(MacsRate.Per.INPUT_ROW, macs, rowFeatures);
    }
}
