package dev.tripswitch.redis;

import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.CircuitStoreProvider;
import dev.tripswitch.store.StoreSettings;

import java.util.List;
import java.util.Set;

/**
 * {@code tripswitch.store=redis://[user:password@]host[:port][/database]} (or {@code rediss://} for TLS): the
 * {@link RedisCircuitStore}, for circuits shared by the shards of a CI run across machines. Its default scope is
 * the CI run, as the common CI systems name it in the environment; without one, set
 * {@code tripswitch.store.scope} (for example to the pipeline's run id), or every run shares scope "default".
 */
public final class RedisStoreProvider implements CircuitStoreProvider {

    /** Environment variables that name one CI run, in the order they are tried. */
    static final List<String> CI_RUN_VARIABLES = List.of("GITHUB_RUN_ID", "CI_PIPELINE_ID", "BUILDKITE_BUILD_ID",
            "CIRCLE_WORKFLOW_ID", "BUILD_TAG", "TRAVIS_BUILD_ID", "BITBUCKET_BUILD_NUMBER");

    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss");
    }

    @Override
    public String form() {
        return "{scheme}://[user:password@]host[:port][/database]";
    }

    @Override
    public String defaultScope() {
        for (String variable : CI_RUN_VARIABLES) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                String attempt = variable.equals("GITHUB_RUN_ID") ? System.getenv("GITHUB_RUN_ATTEMPT") : null;
                String scope = value + (attempt == null ? "" : "." + attempt);
                return scope.replaceAll("[^A-Za-z0-9._:-]", "_");
            }
        }
        return "default";
    }

    @Override
    public CircuitStore open(StoreSettings settings) {
        return RedisCircuitStore.open(RedisAddress.parse(settings), settings);
    }
}
