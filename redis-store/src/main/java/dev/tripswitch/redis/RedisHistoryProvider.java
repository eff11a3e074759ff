package dev.tripswitch.redis;

import dev.tripswitch.report.history.HistoryStore;
import dev.tripswitch.report.history.HistoryStoreProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * {@code tripswitch.history=redis://[user:password@]host[:port][/database]} (or {@code rediss://} for TLS): the
 * {@link RedisHistoryStore}, for the shards of a CI run on several machines writing one run history (give them one
 * {@code tripswitch.run.id}). Found by the report module with {@link java.util.ServiceLoader}.
 */
public final class RedisHistoryProvider implements HistoryStoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss");
    }

    @Override
    public String form() {
        return "{scheme}://[user:password@]host[:port][/database]";
    }

    @Override
    public HistoryStore open(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be a well-formed URI (" + e.getReason() + " at index "
                    + e.getIndex() + "), such as redis://host:6379", e);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return RedisHistoryStore.open(RedisAddress.parse(uri, scheme, IllegalArgumentException::new));
    }
}
