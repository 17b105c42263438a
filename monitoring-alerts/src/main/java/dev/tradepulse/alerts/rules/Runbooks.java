package dev.tradepulse.alerts.rules;

import dev.tradepulse.api.support.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Links from shipped rules to their entries in the operations handbook
 * ({@code docs/operations.md}, published at {@link #BASE}). Every rule that {@link Rules} and the
 * trading module's {@code RiskRules} make carries {@code BASE} plus its entry's anchor as its
 * {@link Rule#runbook() runbook}, and the alert it fires carries that link to every sink. Docs
 * hosted elsewhere: set {@link RuleEngineConfig.Builder#runbookBase(URI)}, and the engine
 * rewrites every link under {@code BASE} to the new base as it fires; links a user gave rules of
 * their own are left alone.
 *
 * <p>Stateless and thread-safe.
 */
public final class Runbooks {

    /** Where the handbook's entries live: the project's site (the POM's {@code <url>}) plus the page. */
    public static final URI BASE = URI.create("https://tradepulse.dev/docs/operations#");

    private static final Pattern ANCHOR = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private Runbooks() {
    }

    /**
     * The link to one handbook entry: {@link #BASE} followed by the anchor.
     *
     * @param anchor the entry's heading anchor, lower-case words joined by hyphens, such as {@code disk-free-low}
     * @return the link
     * @throws NullPointerException if {@code anchor} is null
     * @throws IllegalArgumentException if {@code anchor} is not lower-case words joined by hyphens
     */
    public static URI entry(String anchor) {
        Checks.notNull(anchor, "anchor");
        if (!ANCHOR.matcher(anchor).matches()) {
            throw new IllegalArgumentException("anchor must be lower-case words joined by hyphens, got '"
                    + anchor.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return URI.create(BASE + anchor);
    }

    /**
     * The anchor of a link under {@link #BASE}, such as {@code disk-free-low}.
     *
     * @param runbook a link
     * @return the anchor, or an empty string if the link is not under {@code BASE}
     * @throws NullPointerException if {@code runbook} is null
     */
    public static String anchorOf(URI runbook) {
        String text = Checks.notNull(runbook, "runbook").toString();
        String base = BASE.toString();
        return text.startsWith(base) ? text.substring(base.length()) : "";
    }

    /**
     * A link moved from {@link #BASE} to another base; a link not under {@code BASE} is returned as it is.
     *
     * @param runbook the link
     * @param base the new base; the anchor is appended to its text
     * @return the moved link
     */
    static URI rebase(URI runbook, URI base) {
        if (base.equals(BASE)) {
            return runbook;
        }
        String anchor = anchorOf(runbook);
        return anchor.isEmpty() ? runbook : URI.create(base + anchor);
    }

    /** Checks that a base is absolute and that an anchor appended to it still makes a link. */
    static URI checkBase(URI base, String parameter) {
        Checks.notNull(base, parameter);
        if (!base.isAbsolute() || base.isOpaque()) {
            throw new IllegalArgumentException(parameter + " must be an absolute, hierarchical URI such as "
                    + "https://wiki.example.com/tradepulse/operations#, got '" + base + "'");
        }
        if (base.getRawUserInfo() != null) {
            // the link travels in every alert, to every sink: credentials do not belong in it
            throw new IllegalArgumentException(parameter + " must not carry user info (credentials)");
        }
        try {
            new URI(base + "disk-free-low");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(parameter + " must still be a URI with an anchor appended, got '"
                    + base + "'", e);
        }
        String fragment = base.getRawFragment();
        if (fragment != null && !fragment.isEmpty()) {
            throw new IllegalArgumentException(parameter + " must end where the anchor goes (in '#' or '/'), "
                    + "but has the fragment '#" + fragment + "'");
        }
        return base;
    }
}
