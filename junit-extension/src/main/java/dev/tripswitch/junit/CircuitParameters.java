package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.Protection;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Parameters: the test's {@link CircuitBreaker}, a {@link CircuitSnapshot} of it now, and those other modules give
 * (core's {@code TestParameterSource}s, such as the test's browser), kept in the test's {@link ScopeOfTest}.
 */
final class CircuitParameters {

    private CircuitParameters() {
    }

    static boolean supports(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CircuitBreaker.class || type == CircuitSnapshot.class
                || (context.getTestMethod().isPresent() && RunSummary.runOf(context).givesParameter(type));
    }

    static Object resolve(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type != CircuitBreaker.class && type != CircuitSnapshot.class) {
            return RunSummary.runOf(context).parameter(type, ScopeOfTest.of(context));
        }
        Protection protection = TestProtection.of(context);
        if (!protection.isPresent()) {
            throw new ParameterResolutionException("Tripswitch: cannot resolve parameter ["
                    + parameter.getParameter() + "] in " + parameter.getDeclaringExecutable()
                    + ": only tests under @CircuitProtected get a " + type.getSimpleName()
                    + "; annotate the test method or its class with @CircuitProtected(\"<circuit name>\")");
        }
        try {
            CircuitBreaker circuit = RunSummary.runOf(context).circuitOf(protection);
            return type == CircuitSnapshot.class ? circuit.snapshot() : circuit;
        } catch (CircuitConfigurationException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }
}
