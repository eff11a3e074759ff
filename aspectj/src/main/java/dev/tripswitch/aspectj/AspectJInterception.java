package dev.tripswitch.aspectj;

import dev.tripswitch.spi.CallInterception;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Tells core whether a class's {@code @CircuitProtected} methods are woven by this module's aspect: AspectJ's weaver
 * adds static join-point fields ({@code ajc$tjp_…}) to a class it weaves for an advice that uses
 * {@code thisJoinPointStaticPart}, as the aspect does. Not part of the API: public so that
 * {@link java.util.ServiceLoader} can make it.
 */
public final class AspectJInterception implements CallInterception {

    private static final String WOVEN_FIELD_PREFIX = "ajc$tjp_";

    /** Used by {@link java.util.ServiceLoader}. */
    public AspectJInterception() {
    }

    @Override
    public boolean intercepts(Class<?> type) {
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith(WOVEN_FIELD_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String interceptedAs() {
        return "woven by AspectJ";
    }

    @Override
    public String howToIntercept() {
        return "Weave them with AspectJ: dev.aspectj:aspectj-maven-plugin with tripswitch-aspectj as an"
                + " aspectLibrary, or -javaagent:aspectjweaver.jar (tripswitch-aspectj ships META-INF/aop.xml).";
    }
}
