package dev.modelcost.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers print the same under every default locale: a German default (decimal comma, dot grouping) must not
 * change a single character of any report format, so the golden files hold for every user.
 */
class LocaleIndependenceTest {
    private final Locale before = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @Test
    void everyFormatIsIdenticalUnderAGermanDefaultLocale() {
        Path model = GoldenInspectTest.model("resnet18_external.onnx");
        for (String format : GoldenInspectTest.FORMATS) {
            // csv has no place for the training step and refuses --training
            String[] args = format.equals("csv")
                    ? new String[] {"--format", format, "--batch", "32"}
                    : new String[] {"--format", format, "--training", "--batch", "32"};
            Locale.setDefault(Locale.ROOT);
            String root = GoldenInspectTest.inspect(model, args);
            Locale.setDefault(Locale.GERMANY);
            String german = GoldenInspectTest.inspect(model, args);
            assertEquals(root, german, format + " output changed with the default locale");
        }
        Locale.setDefault(Locale.GERMANY);
        String text = GoldenInspectTest.inspect(model);
        // 11,680,872: the file's initializer elements in the corpus truth (onnx.initializer_elements).
        assertTrue(text.contains("11,680,872"), "thousands are grouped with commas under a German default locale");
    }

    @Test
    void explainIsIdenticalUnderAGermanDefaultLocale() {
        Path model = GoldenInspectTest.model("resnet18_external.onnx");
        Locale.setDefault(Locale.ROOT);
        InspectCommandTest.Run root = InspectCommandTest.run("explain", model.toString());
        Locale.setDefault(Locale.GERMANY);
        InspectCommandTest.Run german = InspectCommandTest.run("explain", model.toString());
        assertEquals(0, root.code(), root.err());
        assertEquals(root.out(), german.out());
    }
}
