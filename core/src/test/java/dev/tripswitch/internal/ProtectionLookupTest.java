package dev.tripswitch.internal;

import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProtectionLookupTest {

    @Retention(RetentionPolicy.RUNTIME)
    @CircuitProtected(value = "grid", failureThreshold = 2)
    @interface GridTest {
    }

    @CircuitProtected("browser")
    static class Base {
        void inherited() {
        }
    }

    static class Sub extends Base {
        @CircuitProtected("api")
        void own() {
        }

        @GridTest
        void composed() {
        }

        void plain() {
        }
    }

    static class Unprotected {
        void plain() {
        }
    }

    @GridTest
    static class Outer {
        class Inner {
            void plain() {
            }
        }

        static class StaticNested {
            void plain() {
            }
        }
    }

    private static Optional<String> circuitOf(Class<?> c, String method) throws Exception {
        Method m = c.getDeclaredMethod(method);
        return ProtectionLookup.find(c, m).map(CircuitDefinition::name);
    }

    @Test
    void theMethodsAnnotation_winsOverTheClasss() throws Exception {
        assertThat(circuitOf(Sub.class, "own")).contains("api");
    }

    @Test
    void aSubclass_inheritsItsSuperclasssCircuit() throws Exception {
        assertThat(circuitOf(Sub.class, "plain")).contains("browser");
        assertThat(ProtectionLookup.find(Sub.class, null).orElseThrow().origin()).isEqualTo("class " + Base.class.getName());
    }

    @Test
    void aComposedAnnotation_counts() throws Exception {
        CircuitDefinition d = ProtectionLookup.find(Sub.class, Sub.class.getDeclaredMethod("composed")).orElseThrow();
        assertThat(d.name()).isEqualTo("grid");
        assertThat(d.differencesFrom(dev.tripswitch.CircuitBreakerConfig.ofDefaults())).hasSize(1);
    }

    @Test
    void anInnerClass_takesItsEnclosingClasssCircuit_aStaticNestedOneDoesNot() throws Exception {
        assertThat(circuitOf(Outer.Inner.class, "plain")).contains("grid");
        assertThat(circuitOf(Outer.StaticNested.class, "plain")).isEmpty();
    }

    @Test
    void anUnannotatedTest_isNotProtected() throws Exception {
        assertThat(circuitOf(Unprotected.class, "plain")).isEmpty();
        assertThat(ProtectionLookup.isAnnotated(Sub.class.getDeclaredMethod("composed"))).isTrue();
    }
}
