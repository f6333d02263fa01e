package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnakeCaseTest {
    @Test
    void snakeCaseFollowsKeras() {
        assertEquals("conv2d", ArchiveLayout.snakeCase("Conv2D"));
        assertEquals("batch_normalization", ArchiveLayout.snakeCase("BatchNormalization"));
        assertEquals("global_average_pooling1d", ArchiveLayout.snakeCase("GlobalAveragePooling1D"));
        assertEquals("re_lu", ArchiveLayout.snakeCase("ReLU"));
        assertEquals("lstm", ArchiveLayout.snakeCase("LSTM"));
    }
}
