package dev.modelcost.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What-if options with impossible values are usage errors (exit 2) that say what is allowed, never a file error. */
class UsageErrorsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--batch | 9999999999999 | --batch must be between 1 and 2147483647",
                "--batch | 0             | --batch must be between 1 and 2147483647",
                "--dim   | =3            | --dim needs NAME=VALUE with a dimension name",
                "--dim   | seq=-1        | --dim seq must be between 0 and 2147483647",
                "--dim   | seq=5         | --dim seq: no dimension of the model has that name; the model declares no symbolic",
                "--dtype | half          | choose one of fp32, fp16, bf16, int8",
            })
    void impossibleWhatIfValuesAreUsageErrors(String option, String value, String message) {
        Path model = GoldenInspectTest.model("squeezenet1_1.onnx");
        for (String command : new String[] {"inspect", "compare"}) {
            String[] args = command.equals("inspect")
                    ? new String[] {command, model.toString(), option, value}
                    : new String[] {command, model.toString(), model.toString(), option, value};
            InspectCommandTest.Run r = InspectCommandTest.run(args);
            assertEquals(ExitCodes.USAGE, r.code(), command + " " + option + " " + value + ": " + r.err());
            assertTrue(r.err().contains(message), r.err());
        }
    }
}
