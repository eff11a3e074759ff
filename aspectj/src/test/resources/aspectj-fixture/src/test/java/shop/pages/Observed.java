package shop.pages;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes what the circuits counted to target/observed/NAME.txt, for the build that runs this fixture to read. */
public final class Observed {

    private Observed() {
    }

    public static void write(String name, String... circuits) {
        List<String> lines = new ArrayList<>();
        for (String c : circuits) {
            CircuitSnapshot s = CircuitBreakerRegistry.global().find(c).map(b -> b.snapshot()).orElse(null);
            lines.add(s == null ? c + ": never used"
                    : c + ": state=" + s.state() + " failures=" + s.totalFailures() + " ignored=" + s.totalIgnored()
                    + " successes=" + s.totalSuccesses() + " rejected=" + s.totalRejected());
        }
        try {
            Path dir = Path.of("target", "observed");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
