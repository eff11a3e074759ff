package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.Protection;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Parameters the extension resolves: the test's {@link CircuitBreaker} or a {@link CircuitSnapshot} of it (taken
 * when the parameter is resolved), and its browser ({@code BrowserSession} / {@code WebDriver}, see
 * {@link TestBrowser}).
 */
final class CircuitParameters {

    private CircuitParameters() {
    }

    static boolean supports(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CircuitBreaker.class || type == CircuitSnapshot.class
                || (TestBrowser.supports(type) && context.getTestMethod().isPresent());
    }

    static Object resolve(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (TestBrowser.supports(type)) {
            return TestBrowser.resolve(parameter, context);
        }
        Protection protection = TestProtection.of(context);
        if (!protection.isPresent()) {
            throw new ParameterResolutionException("Tripswitch: cannot resolve parameter ["
                    + parameter.getParameter() + "] in " + parameter.getDeclaringExecutable()
                    + ": only tests under @CircuitProtected get a " + type.getSimpleName()
                    + "; annotate the test method or its class with @CircuitProtected(\"<circuit name>\")");
        }
        CircuitBreaker circuit;
        try {
            circuit = RunSummary.runOf(context).circuitOf(protection);
        } catch (CircuitConfigurationException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        return type == CircuitSnapshot.class ? circuit.snapshot() : circuit;
    }
}
