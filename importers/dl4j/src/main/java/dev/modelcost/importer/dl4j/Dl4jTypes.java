package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.preprocessor.Cnn3DToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnn3DPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

import java.util.ArrayList;
import java.util.List;

/**
 * DL4J input types as per-sample IR shapes, and the network input type where the configuration implies
 * it (DL4J's MultiLayerConfiguration does not store one). The batch is {@code Dim.symbol("batch")};
 * an unknown sequence length is {@code Dim.symbol("time")}.
 */
final class Dl4jTypes {
    static final String BATCH = "batch";
    static final String TIME = "time";

    private Dl4jTypes() {}

    static Shape shapeOf(InputType t) {
        List<Dim> d = new ArrayList<>();
        d.add(Dim.symbol(BATCH));
        if (t instanceof InputType.InputTypeFeedForward f) {
            d.add(Dim.of(f.getSize()));
        } else if (t instanceof InputType.InputTypeRecurrent r) {
            Dim time = r.getTimeSeriesLength() > 0 ? Dim.of(r.getTimeSeriesLength()) : Dim.symbol(TIME);
            if (r.getFormat() == RNNFormat.NWC) {
                d.add(time);
                d.add(Dim.of(r.getSize()));
            } else {
                d.add(Dim.of(r.getSize()));
                d.add(time);
            }
        } else if (t instanceof InputType.InputTypeConvolutional c) {
            if (c.getFormat() == CNN2DFormat.NHWC) {
                d.add(Dim.of(c.getHeight()));
                d.add(Dim.of(c.getWidth()));
                d.add(Dim.of(c.getChannels()));
            } else {
                d.add(Dim.of(c.getChannels()));
                d.add(Dim.of(c.getHeight()));
                d.add(Dim.of(c.getWidth()));
            }
        } else if (t instanceof InputType.InputTypeConvolutional3D c) {
            boolean channelsLast = c.getDataFormat() == Convolution3D.DataFormat.NDHWC;
            if (!channelsLast) {
                d.add(Dim.of(c.getChannels()));
            }
            d.add(Dim.of(c.getDepth()));
            d.add(Dim.of(c.getHeight()));
            d.add(Dim.of(c.getWidth()));
            if (channelsLast) {
                d.add(Dim.of(c.getChannels()));
            }
        } else if (t instanceof InputType.InputTypeConvolutionalFlat f) {
            d.add(Dim.of(f.getFlattenedSize()));
        } else {
            return Shape.UNKNOWN_RANK;
        }
        return Shape.of(d);
    }

    /** The shape with its sequence axis (per the recurrent type's format) set to the symbolic length. */
    static Shape withTime(Shape shape, InputType t) {
        if (!(t instanceof InputType.InputTypeRecurrent r) || !shape.hasRank() || shape.rank() != 3) {
            return shape;
        }
        return shape.with(r.getFormat() == RNNFormat.NWC ? 1 : 2, Dim.symbol(TIME));
    }

    /** The layer a wrapper (frozen, bidirectional, last-time-step, ...) applies. */
    static Layer unwrap(Layer l) {
        Layer cur = l;
        for (int i = 0; i < 8; i++) {
            if (cur instanceof FrozenLayer f) {
                cur = f.getLayer();
            } else if (cur instanceof BaseWrapperLayer w) {
                cur = w.getUnderlying();
            } else if (cur instanceof Bidirectional b) {
                cur = b.getFwd();
            } else {
                return cur;
            }
        }
        return cur;
    }

    /** Whether the layer takes a sequence [batch, features, time]. */
    static boolean takesSequence(Layer l) {
        Layer u = unwrap(l);
        return u instanceof BaseRecurrentLayer
                || u instanceof RnnOutputLayer
                || u instanceof Convolution1DLayer
                || u instanceof Subsampling1DLayer
                || u instanceof Cropping1D
                || u instanceof ZeroPadding1DLayer
                || u instanceof Upsampling1D;
    }

    /** Whether an unknown sequence length passes through the layer unchanged. */
    static boolean keepsTime(Layer l) {
        Layer u = unwrap(l);
        return !(u instanceof Convolution1DLayer
                || u instanceof Subsampling1DLayer
                || u instanceof Cropping1D
                || u instanceof ZeroPadding1DLayer
                || u instanceof Upsampling1D);
    }

    /** The input type a layer implies on its own (from nIn), or null where the spatial size is not in the layer. */
    static InputType impliedInput(Layer l) {
        Layer u = unwrap(l);
        if (u instanceof org.deeplearning4j.nn.conf.layers.SelfAttentionLayer sa && sa.getNIn() > 0) {
            return InputType.recurrent(sa.getNIn()); // attends over a sequence of nIn-wide steps
        }
        if (!(u instanceof FeedForwardLayer ff) || ff.getNIn() <= 0) {
            return null;
        }
        if (takesSequence(u)) {
            return InputType.recurrent(ff.getNIn());
        }
        if (u instanceof ConvolutionLayer) {
            return null;
        }
        return InputType.feedForward(ff.getNIn());
    }

    /**
     * What is known of a layer's output when DL4J cannot say (its input size is not in the configuration):
     * convolutions keep the rank and set the channels; shape-keeping layers copy their input; spatial
     * layers keep the rank, batch and (channels-first) channels. Unknown sizes stay {@code Dim.UNKNOWN}.
     */
    static Shape partialOutput(Layer l, Shape in) {
        Layer u = unwrap(l);
        if (u instanceof ConvolutionLayer c && !(u instanceof Convolution1DLayer)) {
            return convShape(c, c.getNOut());
        }
        if (!in.hasRank() || in.rank() < 2) {
            return Shape.UNKNOWN_RANK;
        }
        if (u instanceof BatchNormalization
                || u instanceof ActivationLayer
                || u instanceof DropoutLayer
                || u instanceof LocalResponseNormalization
                || u instanceof MaskLayer) {
            return in;
        }
        if (u instanceof NoParamLayer && in.rank() >= 4) {
            List<Dim> d = new ArrayList<>(in.dims());
            for (int i = 2; i < d.size(); i++) {
                d.set(i, Dim.UNKNOWN);
            }
            return Shape.of(d);
        }
        return Shape.UNKNOWN_RANK;
    }

    /** The network input a first layer implies when not even its type is known: a convolution's rank and channels. */
    static Shape partialInput(Layer l) {
        Layer u = unwrap(l);
        if (u instanceof ConvolutionLayer c && !(u instanceof Convolution1DLayer)) {
            return convShape(c, c.getNIn());
        }
        return Shape.UNKNOWN_RANK;
    }

    private static Shape convShape(ConvolutionLayer c, long channels) {
        boolean threeD = c instanceof Convolution3D;
        boolean channelsLast = threeD
                ? ((Convolution3D) c).getDataFormat() == Convolution3D.DataFormat.NDHWC
                : c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        int rank = threeD ? 5 : 4;
        List<Dim> d = new ArrayList<>();
        d.add(Dim.symbol(BATCH));
        for (int i = 1; i < rank; i++) {
            d.add(Dim.UNKNOWN);
        }
        if (channels > 0) {
            d.set(channelsLast ? rank - 1 : 1, Dim.of(channels));
        }
        return Shape.of(d);
    }

    /** The input type a preprocessor's own fields describe, or null. */
    static InputType describedInput(InputPreProcessor p) {
        if (p instanceof FeedForwardToCnnPreProcessor f && f.getInputHeight() > 0 && f.getInputWidth() > 0) {
            return InputType.convolutionalFlat(f.getInputHeight(), f.getInputWidth(), f.getNumChannels());
        }
        if (p instanceof CnnToFeedForwardPreProcessor c && c.getInputHeight() > 0 && c.getInputWidth() > 0) {
            return InputType.convolutional(
                    c.getInputHeight(),
                    c.getInputWidth(),
                    c.getNumChannels(),
                    c.getFormat() == null ? CNN2DFormat.NCHW : c.getFormat());
        }
        if (p instanceof Cnn3DToFeedForwardPreProcessor c && c.getInputDepth() > 0) {
            return InputType.convolutional3D(
                    c.isNCDHW() ? Convolution3D.DataFormat.NCDHW : Convolution3D.DataFormat.NDHWC,
                    c.getInputDepth(),
                    c.getInputHeight(),
                    c.getInputWidth(),
                    c.getNumChannels());
        }
        if (p instanceof FeedForwardToCnn3DPreProcessor f && f.getInputDepth() > 0) {
            return InputType.feedForward(
                    (long) f.getInputDepth() * f.getInputHeight() * f.getInputWidth() * f.getNumChannels());
        }
        return null;
    }

    /** The layer's name, or a wrapped layer's (a frozen layer keeps its name inside), or the index. */
    static String layerName(Layer l, int index) {
        String n = l.getLayerName();
        if ((n == null || n.isEmpty()) && l != Dl4jTypes.unwrap(l)) {
            n = Dl4jTypes.unwrap(l).getLayerName();
        }
        return n == null || n.isEmpty() || n.equals("null") ? String.valueOf(index) : n;
    }

    static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
