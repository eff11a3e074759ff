package dev.tripswitch.junit;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@code tripswitch} engine's root: the mirrors of the Jupiter tests it took over, the launcher that runs them
 * and what a round needs to run some of them again. A root without a launcher holds no test (nothing taken over).
 */
final class ReplayRoot extends EngineDescriptor {

    private final Launcher launcher;
    private final ConfigurationParameters parameters;
    private final String runId;
    private final Map<String, Mirror> byJupiterId = new ConcurrentHashMap<>();
    private TestPlan discovered;

    ReplayRoot(UniqueId uniqueId, Launcher launcher, ConfigurationParameters parameters, String runId) {
        super(uniqueId, "JUnit Jupiter (Tripswitch)");
        this.launcher = launcher;
        this.parameters = parameters;
        this.runId = runId;
    }

    Launcher launcher() {
        return launcher;
    }

    String runId() {
        return runId;
    }

    /** Mirrors every node of {@code plan} under this root. */
    void mirror(TestPlan plan) {
        discovered = plan;
        for (TestIdentifier jupiterRoot : plan.getRoots()) {
            for (TestIdentifier child : plan.getChildren(jupiterRoot)) {
                mirrorTree(plan, child, this);
            }
        }
    }

    private void mirrorTree(TestPlan plan, TestIdentifier node, TestDescriptor parent) {
        Mirror mirror = add(node, parent);
        for (TestIdentifier child : plan.getChildren(node)) {
            mirrorTree(plan, child, mirror);
        }
    }

    private Mirror add(TestIdentifier node, TestDescriptor parent) {
        Mirror mirror = new Mirror(mirrorId(node.getUniqueIdObject(), parent.getUniqueId()), node);
        parent.addChild(mirror);
        byJupiterId.put(node.getUniqueId(), mirror);
        return mirror;
    }

    /**
     * The mirror's id: its parent mirror's id and the node's last segment (a Jupiter node's id is its parent's and
     * one segment), so that nothing is parsed or rebuilt segment by segment; {@link Mirror#withEngine} when the
     * parent given is not the node's parent.
     */
    private UniqueId mirrorId(UniqueId jupiter, UniqueId parentMirror) {
        List<UniqueId.Segment> segments = jupiter.getSegments();
        if (parentMirror.getSegments().size() == segments.size() - 1) {
            return parentMirror.append(jupiter.getLastSegment());
        }
        return Mirror.withEngine(jupiter, getUniqueId().getEngineId().orElseThrow());
    }

    /** The mirror of a Jupiter node; empty for Jupiter's engine root (or an unknown node). */
    Optional<Mirror> mirrorOf(String jupiterId) {
        return Optional.ofNullable(byJupiterId.get(jupiterId));
    }

    /** {@link #mirrorOf}, without the wrapping, for the events of every test. */
    Mirror mirrorOrNull(String jupiterId) {
        return byJupiterId.get(jupiterId);
    }

    /**
     * The mirror of a node Jupiter registered while running (an invocation of a template, a dynamic test), made
     * on first sight under its parent's mirror; empty when it was known already (a replay round registers it again).
     */
    synchronized Optional<Mirror> registered(TestIdentifier node) {
        if (byJupiterId.containsKey(node.getUniqueId())) {
            return Optional.empty();
        }
        TestDescriptor parent = node.getParentId().map(byJupiterId::get).map(TestDescriptor.class::cast)
                .orElse(this);
        return Optional.of(add(node, parent));
    }

    /**
     * The first round's plan: what was discovered, unless the launcher that runs this engine left some of it out
     * (a tag filter): then the nodes that are left, selected by id.
     */
    TestPlan planToRun() {
        Set<String> kept = leaves(getDescendants());
        Set<String> found = discovered.getRoots().stream()
                .flatMap(r -> discovered.getDescendants(r).stream())
                .filter(n -> discovered.getChildren(n).isEmpty())
                .map(TestIdentifier::getUniqueId)
                .collect(Collectors.toCollection(TreeSet::new));
        return kept.equals(found) ? discovered : plan(kept);
    }

    private static Set<String> leaves(Collection<? extends TestDescriptor> nodes) {
        return nodes.stream().filter(d -> d.getChildren().isEmpty() && d instanceof Mirror)
                .map(d -> ((Mirror) d).jupiterId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A plan of exactly the Jupiter nodes with these ids (and the containers above them). */
    TestPlan plan(Set<String> jupiterIds) {
        return launcher.discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(jupiterIds.stream().map(DiscoverySelectors::selectUniqueId).toList())
                .parentConfigurationParameters(parameters)
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(ReplayingEngine.RUN_PARAMETER, runId)
                .configurationParameter(ReplayingEngine.STACK_TRACE_PRUNING, "false")
                .build());
    }
}
