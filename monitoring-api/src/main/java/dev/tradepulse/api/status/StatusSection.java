package dev.tradepulse.api.status;

import dev.tradepulse.api.support.Checks;
import java.util.function.Function;

/**
 * One part of the status page. Implementations must be cheap (the page asks about once a second
 * while someone watches) and must not block; a section that throws is shown as unavailable and
 * never breaks the page.
 *
 * <p>{@code details} is false for requests without the server's token: such a view shows
 * statuses only, never messages, values or anything a user typed.
 *
 * <p>The page's headline ("Overall: ...") is the worst of the health status and the tones of
 * every section that {@linkplain #affectsOverall() describes current state}: a halted strategy's
 * card or a critical alert's row turns it red even while every health check passes. A section
 * that lists past events (an audit trail) opts out, so yesterday's warning does not colour today.
 * The tones of both views count, so a section gives its tones in the view without details too.
 *
 * <p>Thread safety: the page calls {@link #view} from server threads, possibly from several at
 * once; implementations must be safe for that. The sections built by the factories here are safe
 * when their view function is.
 */
public interface StatusSection {

    /**
     * A stable identifier, used as the HTML anchor: letters, digits, '-' and '_'.
     *
     * @return the id
     */
    String id();

    /**
     * The heading.
     *
     * @return the title
     */
    String title();

    /**
     * What to show now.
     *
     * @param details whether the viewer may see details
     * @return the view
     */
    StatusView view(boolean details);

    /**
     * Whether this section's tones count towards the page's headline. True for sections that
     * show how things are now (health, strategies, alerts firing, breakers); false for sections
     * that list what happened (see {@link #history}).
     *
     * @return true unless this section lists past events
     */
    default boolean affectsOverall() {
        return true;
    }

    /**
     * What this section publishes when its view changes, such as an alert firing; a stream
     * subscribes to push the change at once. The default publishes nothing, and a stream then
     * sees the section's changes only in its periodic snapshots.
     *
     * @return the section's events
     */
    default StatusEventSource events() {
        return StatusEventSource.NONE;
    }

    /**
     * A section from its id, title and a function that builds its view.
     *
     * @param id letters, digits, '-' and '_'
     * @param title the heading
     * @param view builds the view; its argument says whether the viewer may see details
     * @return the section
     * @throws NullPointerException if an argument is null
     */
    static StatusSection of(String id, String title, Function<Boolean, StatusView> view) {
        return create(id, title, view, true, StatusEventSource.NONE);
    }

    /**
     * A section from its id, title, a function that builds its view, and the events it publishes.
     *
     * @param id letters, digits, '-' and '_'
     * @param title the heading
     * @param view builds the view; its argument says whether the viewer may see details
     * @param events what it publishes when its view changes
     * @return the section
     * @throws NullPointerException if an argument is null
     */
    static StatusSection of(String id, String title, Function<Boolean, StatusView> view, StatusEventSource events) {
        return create(id, title, view, true, Checks.notNull(events, "events"));
    }

    /**
     * A section that lists past events, such as an audit trail: shown like any other, but its
     * tones never change the page's headline ({@link #affectsOverall()} is false).
     *
     * @param id letters, digits, '-' and '_'
     * @param title the heading
     * @param view builds the view; its argument says whether the viewer may see details
     * @return the section
     * @throws NullPointerException if an argument is null
     */
    static StatusSection history(String id, String title, Function<Boolean, StatusView> view) {
        return create(id, title, view, false, StatusEventSource.NONE);
    }

    private static StatusSection create(String id, String title, Function<Boolean, StatusView> view,
            boolean current, StatusEventSource events) {
        Checks.notNull(id, "id");
        Checks.notNull(title, "title");
        Checks.notNull(view, "view");
        return new StatusSection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public StatusView view(boolean details) {
                return view.apply(details);
            }

            @Override
            public boolean affectsOverall() {
                return current;
            }

            @Override
            public StatusEventSource events() {
                return events;
            }

            @Override
            public String toString() {
                return "StatusSection[" + id + "]";
            }
        };
    }
}
