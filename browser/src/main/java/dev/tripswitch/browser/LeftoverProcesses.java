package dev.tripswitch.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops the browser processes that outlived {@code quit()} (a hung or crashed browser): descendants of this
 * JVM whose command line names a session's profile directory, and their children, deepest first so that each
 * is reaped by its still-running parent.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {
    }

    /** Stops every process of this JVM's tree that was started with {@code profileDir} on its command line. */
    static void reap(Path profileDir) {
        String marker = profileDir.toString();
        List<ProcessHandle> roots = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
        for (ProcessHandle root : roots) {
            List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
            Collections.reverse(tree);
            tree.add(root);
            for (ProcessHandle p : tree) {
                p.destroyForcibly();
                try {
                    p.onExit().get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // keep going: the others must be stopped too
                }
            }
        }
    }
}
