package dev.modelcost.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ModelcostCommand.class.getPackage().getImplementationVersion();
        return new String[] {"modelcost " + (v == null ? "development" : v)};
    }
}
