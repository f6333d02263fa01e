package dev.modelcost.core.analysis.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModuleScopesTest {

    @Test
    void aTorchOnnxNodeNameIsItsModulePathThenItsOp() {
        assertEquals(
                List.of("/features", "/features/features.4", "/features/features.4/conv"),
                ModuleScopes.scopesOf("/features/features.4/conv/Conv"));
        assertEquals(List.of(), ModuleScopes.scopesOf("/Add"));
    }

    @Test
    void namesThatAreNotModulePathsHaveNoScopes() {
        assertEquals(List.of(), ModuleScopes.scopesOf("Conv_12"));
        assertEquals(List.of(), ModuleScopes.scopesOf(""));
        assertEquals(List.of(), ModuleScopes.scopesOf("//Conv"));
    }
}
