package dev.tripswitch.redis;

import dev.tripswitch.store.StoreSettings;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Where a Redis store is and how to log in: parsed from {@code tripswitch.store}, each bad part refused with a
 * message naming the setting, the value (password masked) and what is allowed.
 */
record RedisAddress(String host, int port, int database, String user, String password, boolean tls) {

    static RedisAddress parse(StoreSettings settings) {
        return parse(settings.uri(), settings.scheme(), why -> StoreSettings.refused(StoreSettings.STORE,
                settings.value(), settings.origin(), why));
    }

    /**
     * The address {@code uri} (of scheme {@code redis} or {@code rediss}) names; a bad part is refused with what
     * {@code refused} makes of a sentence saying what is wrong and what is allowed.
     */
    static RedisAddress parse(URI uri, String scheme, Function<String, RuntimeException> refused) {
        String form = scheme + "://[user:password@]host[:port][/database]";
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused.apply("the URI must name a host; allowed: " + form);
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw refused.apply("the port must be 1 to 65535; allowed: " + form);
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                database = -1;
            }
            if (database < 0) {
                throw refused.apply("the database must be a number of 0 or more, such as /2; allowed: " + form);
            }
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw refused.apply("no query or fragment is allowed; allowed: " + form);
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info);
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        return new RedisAddress(uri.getHost(), port, database, user, password, scheme.equals("rediss"));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The address as it may be shown: never the password. */
    String shown() {
        return (tls ? "rediss://" : "redis://") + (user == null && password == null ? ""
                : (user == null ? "" : user) + ":****@") + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return shown();
    }
}
