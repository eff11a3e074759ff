package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A properties file on the class path, read once when first needed. A file that cannot be read or parsed
 * ({@link Properties#load} throws {@link IllegalArgumentException} for a bad backslash-u escape) is a
 * {@link CircuitConfigurationException} naming the file's URL, the line and what is wrong, each time it is used.
 */
final class PropertiesFile {

    private final String name;
    private final URL url;
    private Properties properties;
    private String problem;
    private Exception cause;

    private PropertiesFile(String name, URL url) {
        this.name = name;
        this.url = url;
    }

    /** The file called {@code name} on the class path of {@code loader}, or {@code null}. */
    static PropertiesFile find(ClassLoader loader, String name) {
        URL url = loader == null ? null : loader.getResource(name);
        return url == null ? null : new PropertiesFile(name, url);
    }

    URL url() {
        return url;
    }

    synchronized Properties properties() {
        if (properties == null && problem == null) {
            read();
        }
        if (problem != null) {
            throw new CircuitConfigurationException(problem, cause);
        }
        return properties;
    }

    private void read() {
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // the encoding Properties.load uses
        } catch (IOException e) {
            fail(name + " (" + url + ") could not be read: " + e, e);
            return;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            properties = p;
        } catch (IllegalArgumentException | IOException e) {
            fail(name + " (" + url + ") is malformed: " + badEscape(text) + " (" + e.getMessage() + ")", e);
        }
    }

    private void fail(String message, Exception e) {
        problem = message;
        cause = e;
    }

    /** Where the first backslash-u escape without four hexadecimal digits is, and how to fix it. */
    static String badEscape(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            for (int i = 0; i < line.length() - 1; i++) {
                if (line.charAt(i) != '\\') {
                    continue;
                }
                if (line.charAt(i + 1) == 'u' && !fourHexDigits(line, i + 2)) {
                    return "line " + (n + 1) + " (" + line.strip() + ") has a backslash-u not followed by four "
                            + "hexadecimal digits; write a backslash as two backslashes";
                }
                i++; // the escaped character
            }
        }
        return "a backslash escape is not valid";
    }

    private static boolean fourHexDigits(String line, int from) {
        if (from + 4 > line.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
