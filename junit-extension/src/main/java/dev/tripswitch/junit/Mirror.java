package dev.tripswitch.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One of Jupiter's tests or containers as the {@code tripswitch} engine shows it: the same display name, source,
 * tags and type, under the same unique id with this engine's id in front instead of Jupiter's.
 */
final class Mirror extends AbstractTestDescriptor {

    private final String jupiterId;
    private final Type type;
    private final Set<TestTag> tags;
    private final String legacyName;
    /** The run that reported its start (in one of its rounds), if any: a field, not a look-up per event. */
    private final AtomicReference<Object> startedIn = new AtomicReference<>();

    Mirror(UniqueId uniqueId, TestIdentifier jupiter) {
        super(uniqueId, jupiter.getDisplayName(), jupiter.getSource().orElse(null));
        this.jupiterId = jupiter.getUniqueId();
        this.type = jupiter.getType();
        Set<TestTag> jupiterTags = jupiter.getTags();
        this.tags = jupiterTags.isEmpty() ? Set.of() : Set.copyOf(jupiterTags);
        this.legacyName = jupiter.getLegacyReportingName();
    }

    /** Notes that {@code run} reports its start: true the first time only. */
    boolean start(Object run) {
        Object before = startedIn.get();
        return before != run && startedIn.compareAndSet(before, run);
    }

    /** Whether {@code run} reported its start. */
    boolean startedIn(Object run) {
        return startedIn.get() == run;
    }

    /** The id Jupiter gives this node. */
    String jupiterId() {
        return jupiterId;
    }

    @Override
    public Type getType() {
        return type;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public String getLegacyReportingName() {
        return legacyName;
    }

    @Override
    public boolean mayRegisterTests() { // templates and factories (method containers) register tests as they run
        return type != Type.TEST && getSource().orElse(null) instanceof MethodSource;
    }

    /** {@code id} with {@code engineId} in front instead of its own engine's id. */
    static UniqueId withEngine(UniqueId id, String engineId) {
        List<UniqueId.Segment> segments = id.getSegments();
        UniqueId out = UniqueId.forEngine(engineId);
        for (UniqueId.Segment s : segments.subList(1, segments.size())) {
            out = out.append(s.getType(), s.getValue());
        }
        return out;
    }

    /** A unique id of the {@code tripswitch} engine as Jupiter's. */
    static UniqueId toJupiter(UniqueId ours) {
        return withEngine(ours, "junit-jupiter");
    }

    /** Of two results of one container (its first run and a replay round), the one to report: the worse. */
    static TestExecutionResult worse(TestExecutionResult a, TestExecutionResult b) {
        if (a == null) {
            return b;
        }
        return b != null && b.getStatus().ordinal() > a.getStatus().ordinal() ? b : a;
    }
}
