package dev.tripswitch.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The build a JVM belongs to: the forks Surefire (or Failsafe) starts for one Maven build are children of the Maven
 * process, so that process (its id and start time) names the build. What the file store scopes its circuits by and
 * what the run history's run id is made of.
 */
public final class BuildProcess {

    private BuildProcess() {
    }

    /**
     * Whether this JVM was forked by Surefire or Failsafe (their booter sets this property). Other JVMs (an IDE's
     * test runner, a Gradle worker of a long-lived daemon) are not recognised safely.
     */
    public static boolean isSurefireFork() {
        return System.getProperty("surefire.real.class.path") != null;
    }

    /** The build that forked this JVM when it is a Surefire fork; empty otherwise. */
    public static Optional<ProcessHandle> ofThisFork() {
        return isSurefireFork() ? nearestJavaAncestor() : Optional.empty();
    }

    /** The nearest ancestor that is a JVM, skipping shells; empty when there is none. */
    public static Optional<ProcessHandle> nearestJavaAncestor() {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int hops = 0; p.isPresent() && hops < 3; hops++) {
            String command = p.get().info().command().orElse("");
            String base = command.substring(command.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (base.equals("java") || base.equals("java.exe")) {
                return p;
            }
            if (!base.matches("(ba|da|z|k)?sh")) {
                return Optional.empty();
            }
            p = p.get().parent();
        }
        return Optional.empty();
    }
}
