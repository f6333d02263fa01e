package dev.modelcost.core.analysis.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PyTorch's CPU convolution paths and temporaries, one intra-op thread (figures derived by hand). */
class EagerConvolutionTest {

    @Test
    void anUnstridedPointwiseConvolutionOfOneSmallImageNeedsNothing() {
        // 1x1, stride 1, no padding, batch 1 (< 16), one thread: PyTorch's own kernel, a plain GEMM.
        EagerConvolution c = EagerConvolution.of(
                new long[] {1, 32, 56, 56},
                new long[] {16, 32, 1, 1},
                new long[] {1, 16, 56, 56},
                1,
                false,
                false,
                false,
                4);
        assertEquals(EagerConvolution.NONE, c);
    }

    @Test
    void aStridedPointwiseConvolutionGathersItsInputPixelsOneImageAtATime() {
        // 1x1 stride 2, 64 -> 64 on 56x56, batch 8: oneDNN. Scratch: 64 channels x 28 x 28 pixels x 4 bytes =
        // 200,704 for one image, whatever the batch; input reorder 8 x 64 x 56 x 56 x 4 = 6,422,528; weights
        // 64 x 64 x 4 = 16,384; blocked output 8 x 64 x 28 x 28 x 4 = 1,605,632.
        EagerConvolution c = EagerConvolution.of(
                new long[] {8, 64, 56, 56},
                new long[] {64, 64, 1, 1},
                new long[] {8, 64, 28, 28},
                1,
                true,
                false,
                false,
                4);
        assertEquals(List.of(6422528L, 16384L, 1605632L, 200704L, 0L), parts(c));
        // Compute phase 1,605,632 + 16,384 + 6,422,528 + 200,704 = 8,245,248, less the dense output 1,605,632.
        assertEquals(8245248 - 1605632, c.transientBytes(1605632, true, true, true, true, true));
    }

    @Test
    void aDepthwiseConvolutionKeepsItsChannelsUnpadded() {
        // groups 96 = channels: oneDNN; input of 96 (>= 16) channels reordered: 96 x 112 x 112 x 4 = 4,816,896;
        // weights 96 x 1 x 3 x 3 x 4 = 3,456 (grouped weights are not padded); output 96 x 56 x 56 x 4 = 1,204,224.
        EagerConvolution c = EagerConvolution.of(
                new long[] {1, 96, 112, 112},
                new long[] {96, 1, 3, 3},
                new long[] {1, 96, 56, 56},
                96,
                true,
                false,
                true,
                4);
        assertEquals(List.of(4816896L, 3456L, 1204224L, 0L, 0L), parts(c));
    }

    @Test
    void anInputOfFewerThanSixteenChannelsIsUsedAsItIs() {
        // conv1 of a ResNet: 3 -> 64, 7x7 stride 2 on 224x224: oneDNN reads the plain input; only the weights
        // (64 x 3 x 7 x 7 x 4 = 37,632) and the blocked output (64 x 112 x 112 x 4 = 3,211,264) are extra.
        EagerConvolution c = EagerConvolution.of(
                new long[] {1, 3, 224, 224},
                new long[] {64, 3, 7, 7},
                new long[] {1, 64, 112, 112},
                1,
                true,
                false,
                true,
                4);
        assertEquals(List.of(0L, 37632L, 3211264L, 0L, 0L), parts(c));
        // The copy phase (blocked + dense, 2 x 3,211,264) outweighs the compute phase (3,211,264 + 37,632).
        assertEquals(3211264, c.transientBytes(3211264, true, true, true, true, true));
    }

    private static List<Long> parts(EagerConvolution c) {
        return List.of(c.inputReorder(), c.weightReorder(), c.blockedOutput(), c.stridedScratch(), c.columns());
    }
}
