package dev.tripswitch.browser;

import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyCalls;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.decorators.Decorated;
import org.openqa.selenium.support.decorators.WebDriverDecorator;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;

/**
 * Decorates a WebDriver (Selenium's {@link WebDriverDecorator}) so that {@code get(url)} and
 * {@code navigate().to(url)} are watched calls to the {@code host:port} of {@code url}
 * ({@link DependencyCalls}): refused with a {@link dev.tripswitch.CircuitOpenException} while that dependency's
 * circuit is open — before the browser is asked anything — and their failures (such as
 * {@code net::ERR_CONNECTION_REFUSED}) remembered as that dependency's, for the test's outcome. Every other call goes
 * to the driver unchanged. {@link BrowserSession#driver()} hands out a decorated driver when
 * {@code tripswitch.dependencies=auto}; decorate a driver of your own with {@code new
 * DependencyWatchingDecorator().decorate(driver)}.
 */
public final class DependencyWatchingDecorator extends WebDriverDecorator<WebDriver> {

    /** A decorator for one driver. */
    public DependencyWatchingDecorator() {
    }

    @Override
    public void beforeCall(Decorated<?> target, Method method, Object[] args) {
        DependencyCalls.before(targetOf(target, method, args));
        super.beforeCall(target, method, args);
    }

    @Override
    public Object onError(Decorated<?> target, Method method, Object[] args, InvocationTargetException e)
            throws Throwable {
        Dependency d = targetOf(target, method, args);
        if (d != null) {
            DependencyCalls.failed(d, e.getTargetException());
        }
        return super.onError(target, method, args, e);
    }

    /** The dependency a navigation loads, or null for any other call. */
    static Dependency targetOf(Decorated<?> target, Method method, Object[] args) {
        if (args == null || args.length != 1) {
            return null;
        }
        String name = method.getName();
        Object original = target.getOriginal();
        boolean navigation = name.equals("get") && original instanceof WebDriver
                || name.equals("to") && original instanceof WebDriver.Navigation;
        if (!navigation) {
            return null;
        }
        Object address = args[0];
        if (address instanceof URL url) {
            address = url.toString();
        }
        return address instanceof String s ? Dependency.ofAddress(s).orElse(null) : null;
    }
}
