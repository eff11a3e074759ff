package dev.tripswitch.junit;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Makes the request under which Jupiter runs inside the {@code tripswitch} engine's execution: Jupiter's root, the
 * engine's listener, and whatever else the launcher gave the engine's own request and Jupiter's needs.
 *
 * <p>JUnit has no public way for one engine to run another: what a request carries beyond the root, the listener
 * and the parameters has grown with the platform (an output directory provider in 1.12, the request-level store in
 * 1.13, an output directory creator in 1.14, a cancellation token in 6.0), and the factory method that takes it all
 * is internal to JUnit and changes with it. So the factory is found by its parameters: the {@code create} method of
 * {@link ExecutionRequest} with the most parameters after the first three, each of which the engine's own request
 * has a getter for; their values are taken from that request. On the platforms this is tested with (1.14, 6.1)
 * that is the store, the output directory creator and, on 6.x, the cancellation token.
 */
final class JupiterExecution {

    private record Factory(Method create, List<Method> getters) { }

    private static final Factory FACTORY = findFactory();

    private JupiterExecution() {
    }

    /** The request for Jupiter: {@code jupiterRoot}, {@code listener}, {@code parameters}, the rest from {@code outer}. */
    static ExecutionRequest request(TestDescriptor jupiterRoot, EngineExecutionListener listener,
                                    ConfigurationParameters parameters, ExecutionRequest outer) {
        Object[] arguments = new Object[3 + FACTORY.getters().size()];
        arguments[0] = jupiterRoot;
        arguments[1] = listener;
        arguments[2] = parameters;
        try {
            for (int i = 0; i < FACTORY.getters().size(); i++) {
                arguments[3 + i] = FACTORY.getters().get(i).invoke(outer);
            }
            return (ExecutionRequest) FACTORY.create().invoke(null, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Tripswitch cannot make Jupiter's execution request: " + e, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Tripswitch cannot make Jupiter's execution request: " + cause, cause);
        }
    }

    private static Factory findFactory() {
        Method[] getters = ExecutionRequest.class.getMethods();
        return Arrays.stream(ExecutionRequest.class.getMethods())
                .filter(m -> m.getName().equals("create") && Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() >= 3 && m.getParameterTypes()[0] == TestDescriptor.class
                        && m.getParameterTypes()[1] == EngineExecutionListener.class
                        && m.getParameterTypes()[2] == ConfigurationParameters.class)
                .map(m -> gettersFor(m, getters).map(g -> new Factory(m, g)))
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(f -> f.getters().size()))
                .orElseThrow(() -> new IllegalStateException(
                        "Tripswitch: this JUnit Platform has no ExecutionRequest.create(TestDescriptor, "
                                + "EngineExecutionListener, ConfigurationParameters, ...)"));
    }

    /** For each parameter after the third, a getter of {@link ExecutionRequest} that gives it; empty if one lacks. */
    private static Optional<List<Method>> gettersFor(Method create, Method[] candidates) {
        List<Method> getters = new ArrayList<>();
        Class<?>[] types = create.getParameterTypes();
        for (int i = 3; i < types.length; i++) {
            Class<?> type = types[i];
            Optional<Method> getter = Arrays.stream(candidates)
                    .filter(g -> g.getParameterCount() == 0 && g.getName().startsWith("get")
                            && !Modifier.isStatic(g.getModifiers()) && g.getReturnType() == type)
                    .findFirst();
            if (getter.isEmpty()) {
                return Optional.empty();
            }
            getters.add(getter.get());
        }
        return Optional.of(getters);
    }
}
