package dev.modelcost.core.report;

import dev.modelcost.core.ir.TensorRole;

/**
 * One stored parameter tensor a layer uses: its name, role and elements, and whether this layer is where it is
 * counted ({@code counted}: the first layer that uses it) or a later one that shares it (counted elsewhere).
 */
public record ParameterUse(String tensor, TensorRole role, long elements, boolean counted) {}
