package dev.tripswitch.junit;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryFilter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.util.Collection;
import java.util.List;

/**
 * The {@code tripswitch} engine's root. When the engine took a plan's Jupiter tests over, its children are Jupiter's
 * own descriptors, discovered by Jupiter under this engine's id: the launcher that runs the engine sees Jupiter's
 * tests exactly as Jupiter would show them, and Jupiter's events reach it without translation. A root that took
 * nothing over holds no test.
 */
final class ReplayRoot extends EngineDescriptor {

    private final TestEngine jupiter;
    private final TestDescriptor jupiterRoot;
    private final ConfigurationParameters parameters;
    private final String runId;

    private ReplayRoot(UniqueId uniqueId, TestEngine jupiter, TestDescriptor jupiterRoot,
                       ConfigurationParameters parameters, String runId) {
        super(uniqueId, "JUnit Jupiter (Tripswitch)");
        this.jupiter = jupiter;
        this.jupiterRoot = jupiterRoot;
        this.parameters = parameters;
        this.runId = runId;
    }

    /** A root that took nothing over. */
    static ReplayRoot empty(UniqueId uniqueId) {
        return new ReplayRoot(uniqueId, null, null, null, null);
    }

    /**
     * A root that takes over the tests Jupiter discovered under {@code jupiterRoot} (whose id is this engine's): they
     * become this root's children, for the launcher to filter; {@link #firstRound} hands back what is left.
     */
    static ReplayRoot takingOver(UniqueId uniqueId, TestEngine jupiter, TestDescriptor jupiterRoot,
                                 ConfigurationParameters parameters, String runId) {
        ReplayRoot root = new ReplayRoot(uniqueId, jupiter, jupiterRoot, parameters, runId);
        for (TestDescriptor child : List.copyOf(jupiterRoot.getChildren())) {
            jupiterRoot.removeChild(child);
            root.addChild(child);
        }
        return root;
    }

    boolean tookOver() {
        return jupiter != null;
    }

    TestEngine jupiter() {
        return jupiter;
    }

    /** The launcher's parameters with the replaying run's id, for the extension. */
    ConfigurationParameters parameters() {
        return parameters;
    }

    String runId() {
        return runId;
    }

    /**
     * Jupiter's root for the first round, holding the tests the launcher kept of this root's children (a tag filter
     * may have removed some). They stay this root's children too: the launcher's plan is made already.
     */
    TestDescriptor firstRound() {
        for (TestDescriptor child : List.copyOf(getChildren())) {
            jupiterRoot.addChild(child);
        }
        return jupiterRoot;
    }

    /** A Jupiter root holding exactly the nodes with these ids (and the containers above them), rediscovered. */
    TestDescriptor discover(Collection<UniqueId> ids) {
        List<DiscoverySelector> selectors = ids.stream().map(DiscoverySelectors::selectUniqueId)
                .map(DiscoverySelector.class::cast).toList();
        return jupiter.discover(request(selectors, List.of(), parameters, null), getUniqueId());
    }

    /**
     * A discovery request for Jupiter: these selectors and filters, {@code parameters} (configuration files are not
     * read again) and, when given, the replaying run's id for the extension.
     */
    static EngineDiscoveryRequest request(List<DiscoverySelector> selectors, List<DiscoveryFilter<?>> filters,
                                          ConfigurationParameters parameters, String runId) {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .parentConfigurationParameters(parameters)
                .enableImplicitConfigurationParameters(false);
        if (runId != null) {
            builder.configurationParameter(ReplayingEngine.RUN_PARAMETER, runId);
        }
        for (DiscoveryFilter<?> filter : filters) {
            builder.filters(filter);
        }
        return builder.build();
    }
}
