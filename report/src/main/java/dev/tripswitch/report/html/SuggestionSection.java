package dev.tripswitch.report.html;

import dev.tripswitch.report.suggest.AdviceText;
import dev.tripswitch.report.suggest.CircuitAdvice;
import dev.tripswitch.report.suggest.PasteLines;

import java.util.List;
import java.util.Map;

import static dev.tripswitch.report.html.Html.esc;

/**
 * The report's "Suggested settings" section: per circuit, what the history's replay suggests (docs/history.md,
 * "Settings from history"): the current and the suggested settings' cost, why, and the lines to paste.
 */
final class SuggestionSection {

    private SuggestionSection() {
    }

    /**
     * @param advice  per circuit, or {@code null} when none was worked out
     * @param whyNone why there is none (shown instead)
     */
    static void render(StringBuilder out, List<CircuitAdvice> advice, String whyNone) {
        out.append("<section id=\"suggestions\"><h2>Suggested settings</h2><p class=\"lead\">Each circuit's recorded"
                + " runs replayed through the circuit for a grid of candidate settings, scored by what you pay"
                + " (failures, time on doomed tests, tests skipped that would have passed, openings on blips), fitted"
                + " on the older runs and checked on the newer ones. <code>mvn tripswitch:suggest</code> prints the"
                + " same.</p>");
        if (advice == null) {
            out.append("<p class=\"muted\">").append(esc(whyNone)).append("</p></section>");
            return;
        }
        for (CircuitAdvice a : advice) {
            out.append("<article class=\"suggestion\" data-circuit=\"").append(esc(a.circuit())).append("\">");
            if (a instanceof CircuitAdvice.Suggestion s && !s.changes().isEmpty()) {
                Map<String, String> changes = s.changes();
                out.append("<h3>").append(esc(s.circuit())).append("</h3><p>").append(esc(first(AdviceText
                        .lines(a, false)))).append("</p><p>Why: ").append(esc(s.why())).append("</p>")
                        .append("<table class=\"counts\"><tr><th></th><th>older runs</th><th>newer runs</th></tr>")
                        .append("<tr><td>current</td><td>").append(esc(s.currentFit().describe())).append("</td><td>")
                        .append(esc(s.currentHeldOut().describe())).append("</td></tr><tr><td>suggested</td><td>")
                        .append(esc(s.bestFit().describe())).append("</td><td>").append(esc(s.bestHeldOut()
                                .describe())).append("</td></tr></table><p>Paste on the annotation:</p><pre><code>")
                        .append(esc(PasteLines.annotation(s.circuit(), changes))).append("</code></pre>")
                        .append("<p>or into <code>tripswitch.properties</code>:</p><pre><code>")
                        .append(esc(String.join("\n", PasteLines.properties(s.circuit(), changes))))
                        .append("</code></pre>");
            } else {
                out.append("<h3>").append(esc(a.circuit())).append("</h3>");
                for (String line : AdviceText.lines(a, false)) {
                    out.append("<p>").append(esc(line.strip())).append("</p>");
                }
            }
            out.append("</article>");
        }
        out.append("</section>");
    }

    private static String first(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
