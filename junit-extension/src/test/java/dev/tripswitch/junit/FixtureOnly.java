package dev.tripswitch.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a fixture class: it runs only when the configuration parameter {@value #ENABLED} is {@code true}, which
 * {@link Fixtures} sets for its EngineTestKit runs (and which can be given as a system property to run one
 * fixture through Surefire). Anywhere else the whole class is disabled.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FixtureOnly.Condition.class)
@interface FixtureOnly {

    String ENABLED = "tripswitch.fixtures.enabled";

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("fixture run")
                    : ConditionEvaluationResult.disabled("fixture class: runs only inside EngineTestKit scenarios");
        }
    }
}
