package dev.ponder.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (written from pom.xml), or "development" when run from classes. */
public final class PonderVersion implements IVersionProvider {

    public static String current() {
        String v = PonderVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Ponder " + current()};
    }
}
